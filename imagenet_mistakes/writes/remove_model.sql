-- Remove a model: what is stored of its results, its predictions, then its row. A no-op for an unknown model.
delete from model_confusions_snapshot where model = $model;
delete from model_mistakes_snapshot where model = $model;
delete from model_metrics_snapshot where model = $model;
delete from class_results_snapshot where model = $model;
delete from factor_counts_snapshot where model = $model;
delete from metaclass_counts_snapshot where model = $model;
delete from real_soft_totals_snapshot where model = $model;
delete from mistake_factor_counts_snapshot where model = $model;
-- The model's row comes off each image's count (read from its predictions,
-- so before they go); an image no model predicts any more loses its row.
create or replace temporary table image_verdicts as
select label_set, image_number, (not correct_or_unclear)::bigint as wrong
from image_results
where model = $model;
delete from image_difficulty_snapshot as counts
using image_verdicts
where counts.label_set = image_verdicts.label_set
    and counts.image_number = image_verdicts.image_number
    and counts.models = 1;
update image_difficulty_snapshot as counts
set models = counts.models - 1, models_wrong = counts.models_wrong - image_verdicts.wrong
from image_verdicts
where counts.label_set = image_verdicts.label_set
    and counts.image_number = image_verdicts.image_number;
drop table image_verdicts;
delete from predictions where model = $model;
delete from models where model = $model;
