-- Store the paper's models' metrics, derived from their mistakes table, once `build`
-- has loaded it and the labels (paper_metrics_snapshot). The rules' verdicts on their
-- mistakes follow (store_mistake_verdicts.sql).
insert into paper_metrics_snapshot
select model, metric, value, variance, hits, images, classes
from model_metrics_live
where evaluated_from = 'mistakes table';
