-- Store a newly added model's metrics for the leaderboard, computed from its predictions.
insert into model_metrics_snapshot
select * from model_metrics
where model = $model;
