-- Store one model's metrics for the leaderboard, computed from its predictions.
-- Run in the transaction that adds the model, so the two always agree. One
-- model at a time: computing many at once holds every join in memory together
-- (3.4 GB for the 67 zoo models) and is no faster.
insert into model_metrics_snapshot
select * from model_metrics
where model = $model;
