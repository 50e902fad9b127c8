-- What the build noted about each source: fallbacks taken, checks made.
select source_id as source, note
from sources
where note is not null
order by source_id
