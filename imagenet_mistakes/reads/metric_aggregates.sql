-- How each metric aggregates (image, class or count), by metric id.
select metric, aggregate
from metrics
