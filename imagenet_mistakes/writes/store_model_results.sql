-- Store what the views read of one model, worked out from its predictions: its
-- class counts, then its metrics (summed from those counts), then its
-- mistakes with their rule-based category, then the pairs among them.
-- Run in the transaction that adds the model, so they always agree with its
-- predictions. One model at a time: computing many at once holds every join
-- in memory together (3.4 GB for the 67 zoo models) and is no faster.
insert into class_results_snapshot
select model, label_set, class_id, scope, images, correct, correct_or_unclear, top5_correct
from class_results_live
where model = $model and evaluated_from = 'predictions';
insert into model_metrics_snapshot
select model, metric, value, hits, images, classes
from model_metrics_live
where model = $model and evaluated_from = 'predictions';
insert into model_mistakes_snapshot
select model, image_number, predicted_class, auto_category, ancestor_steps, co_occurring_images
from auto_categories_live
where model = $model and evaluated_from = 'predictions';
insert into model_confusions_snapshot
select model, original_class, predicted_class, count(*)
from model_mistakes
where model = $model and evaluated_from = 'predictions'
group by model, original_class, predicted_class;
-- Then the model's row to each image's count of models and wrong models:
-- the images already counted are updated, the others inserted.
create or replace temporary table image_verdicts as
select label_set, image_number, (not correct_or_unclear)::bigint as wrong
from image_results
where model = $model;
update image_difficulty_snapshot as counts
set models = counts.models + 1, models_wrong = counts.models_wrong + image_verdicts.wrong
from image_verdicts
where counts.label_set = image_verdicts.label_set
    and counts.image_number = image_verdicts.image_number;
insert into image_difficulty_snapshot
select image_verdicts.label_set, image_verdicts.image_number, 1, image_verdicts.wrong
from image_verdicts
anti join image_difficulty_snapshot as counts
    on counts.label_set = image_verdicts.label_set
    and counts.image_number = image_verdicts.image_number;
drop table image_verdicts;
