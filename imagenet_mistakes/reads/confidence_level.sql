-- The confidence level of the intervals, as the file's views use it.
select level from confidence
