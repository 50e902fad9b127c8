-- Every model's metrics with their confidence intervals (fractions in [0, 1]) and the ranks the intervals allow: best multi-label accuracy first, models scored on a subset of the images last.
-- Parameters: none.
-- Shows: model, top1, real, mla, mla_rank, image_set
select *
from leaderboard
order by image_set <> 'all', image_set, mla desc nulls last, top1 desc nulls last, model
