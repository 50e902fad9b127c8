-- Every model's metrics with intervals and ranks, best multi-label accuracy first.
-- Parameters: none.
-- Shows: model, top1, real, mla, mla_rank, image_set
-- Every model's metrics with their confidence intervals (fractions in [0, 1]) and the
-- ranks the intervals allow: best multi-label accuracy first, models scored on a subset
-- of the images last.
select *
from leaderboard
order by image_set <> 'all', image_set, mla desc nulls last, top1 desc nulls last, model
