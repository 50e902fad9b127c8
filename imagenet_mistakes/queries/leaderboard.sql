-- Every model's metrics, best multi-label accuracy first (fractions in [0, 1]).
-- Parameters: none.
select *
from leaderboard
order by mla desc nulls last, top1 desc nulls last, model
