-- class_results: per model, label set, original class and scope, how many images count
-- and how many of them each kind of hit gets right. Every metric sums these integers.
-- Models with predictions: as stored when they were added (class_results_snapshot).
-- The paper's models without loaded predictions: derived now from the mistakes
-- table (2 models: milliseconds); see class_results_live.
create or replace view class_results as
select
    model, label_set, class_id, scope, images, correct, correct_or_unclear, top5_correct,
    'predictions' as evaluated_from
from class_results_snapshot
union all
select
    model, label_set, class_id, scope, images, correct, correct_or_unclear, top5_correct,
    evaluated_from
from class_results_live
where evaluated_from = 'mistakes table';

COMMENT ON VIEW class_results IS 'Per model, label set, original class and scope: images counted and hits of each kind; every metric sums these counts';
COMMENT ON COLUMN class_results.model IS 'Model';
COMMENT ON COLUMN class_results.label_set IS 'Label set judging the predictions';
COMMENT ON COLUMN class_results.class_id IS 'Original ImageNet class of the images';
COMMENT ON COLUMN class_results.scope IS 'label_set: the images the label set counts; imagenet_m: the ImageNet-M images';
COMMENT ON COLUMN class_results.images IS 'Images counted';
COMMENT ON COLUMN class_results.correct IS 'Of those, images whose top-1 is a correct label (NULL when unknown: a paper model without predictions)';
COMMENT ON COLUMN class_results.correct_or_unclear IS 'Of those, images whose top-1 is a correct or unclear label';
COMMENT ON COLUMN class_results.top5_correct IS 'Of those, images with a correct label among the top 5 (NULL with fewer than 5 predictions per image)';
COMMENT ON COLUMN class_results.evaluated_from IS 'predictions, or the mistakes table for paper models whose predictions are not loaded';
