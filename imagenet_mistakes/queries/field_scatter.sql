-- Multi-label accuracy and top-1 of every model that has both, published and the file's.
-- Parameters: none.
-- Multi-label accuracy and top-1 of every model that has both: the published ones (ETH's
-- 962) and this file's.
select source, model, top1, mla, coalesce(training_data, 'this file') as training_data
from field_leaderboard
where top1 is not null and mla is not null
order by source, model
