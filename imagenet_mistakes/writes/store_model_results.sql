-- Store what the views read of one model, worked out from its predictions: its
-- class counts, then its metrics (summed from those counts), then its
-- mistakes with their rule-based category, then the pairs among them, then
-- its counts on ImageNet-X's factors and metaclasses, its soft ReaL totals and
-- its mistakes by factor. The images' counts of models are added per batch
-- (count_image_verdicts.sql).
-- Run in the transaction that adds the model, so they always agree with its
-- predictions. One model at a time: computing many at once holds every join
-- in memory together (3.4 GB for the 67 zoo models) and is no faster.
--
-- First the images it is scored on: all, or a digest of their numbers, so that
-- models on the same subset are ranked together and apart from the rest.
update models
set image_set = (
    select case
        when count(*) = (select count(*) from images) then 'all'
        else 'subset-' || left(md5(string_agg(image_number::varchar, ',' order by image_number)), 8)
    end
    from predictions
    where predictions.model = $model
)
where model = $model;
insert into class_results_snapshot
select model, label_set, class_id, scope, images, correct, correct_or_unclear, top5_correct
from class_results_live
where model = $model and evaluated_from = 'predictions';
insert into model_metrics_snapshot
select model, metric, value, variance, hits, images, classes
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
insert into factor_counts_snapshot
select model, selection, reading, factor, images, correct, all_images, all_correct
from factor_counts_live
where model = $model;
insert into metaclass_counts_snapshot
select model, reading, metaclass, images, correct
from metaclass_counts_live
where model = $model;
insert into real_soft_totals_snapshot
select model, images, correct, rated_images, soft_score_sum
from real_soft_totals_live
where model = $model;
insert into mistake_factor_counts_snapshot
select model, factor, mistakes, all_mistakes
from mistake_factor_counts_live
where model = $model and evaluated_from = 'predictions';
