-- Every model's metrics with their confidence intervals, best multi-label accuracy first (fractions in [0, 1]), and the ranks on it the intervals allow.
-- Parameters: none.
select
    leaderboard.*,
    ranks.rank as mla_rank,
    ranks.best_rank as mla_best_rank,
    ranks.worst_rank as mla_worst_rank,
    ranks.tied_with as mla_tied_with
from leaderboard
left join metric_ranks as ranks
    on ranks.model = leaderboard.model and ranks.metric = 'mla'
order by leaderboard.mla desc nulls last, leaderboard.top1 desc nulls last, leaderboard.model
