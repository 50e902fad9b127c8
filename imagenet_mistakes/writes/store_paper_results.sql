-- Store the paper's models' metrics and the rules' verdicts on their mistakes, derived
-- from their mistakes table, once `build` has loaded it, the labels and the evidence
-- (paper_metrics_snapshot, paper_verdicts_snapshot).
insert into paper_metrics_snapshot
select model, metric, value, variance, hits, images, classes
from model_metrics_live
where evaluated_from = 'mistakes table';
insert into paper_verdicts_snapshot
select
    model,
    image_number,
    auto_category,
    category_rule,
    category_evidence,
    auto_severity,
    severity_rule,
    severity_evidence
from auto_categories_live
where evaluated_from = 'mistakes table';
