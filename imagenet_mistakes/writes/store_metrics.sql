-- Store one model's metrics, computed from its predictions (model_metrics reads them).
-- Run in the transaction that adds the model, so the two always agree. One
-- model at a time: computing many at once holds every join in memory together
-- (3.4 GB for the 67 zoo models) and is no faster.
insert into model_metrics_snapshot
select model, metric, value, hits, images, classes
from model_metrics_live
where model = $model and evaluated_from = 'predictions';
