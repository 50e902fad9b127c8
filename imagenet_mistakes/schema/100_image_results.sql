-- image_results: one row per model, label set and image the model has predictions for.
-- Every metric view is an aggregate of this one view, so the metrics agree by
-- construction and a new label set needs no new metric code.
-- Which images each label set's metrics count is the image_scope table.
-- A class can be both 'correct' and 'wrong' for one image upstream; 'correct'
-- wins, as in the TFDS evaluation loop.
create or replace view image_results as
with

top1 as (
    select model, image_number, class_id as top1_class
    from predictions
    where rank = 1
),

-- What each label set says about the model's top-5 classes of each image.
-- Only 'correct' and 'unclear' labels can make a prediction right; leaving
-- out the 'wrong' ones (a third of all labels) before the join halves its cost.
verdicts as (
    select
        predictions.model,
        image_labels.label_set,
        predictions.image_number,
        bool_or(predictions.rank = 1 and image_labels.verdict = 'correct') as correct,
        bool_or(predictions.rank = 1 and image_labels.verdict in ('correct', 'unclear'))
            as correct_or_unclear,
        bool_or(image_labels.verdict = 'correct') as top5_correct
    from predictions
    inner join image_labels using (image_number, class_id)
    where predictions.rank <= 5 and image_labels.verdict in ('correct', 'unclear')
    group by predictions.model, image_labels.label_set, predictions.image_number
),

final as (
    select
        top1.model,
        image_scope.label_set,
        top1.image_number,
        images.file_name,
        images.label as original_class,
        top1.top1_class,
        coalesce(verdicts.correct, false) as correct,
        coalesce(verdicts.correct_or_unclear, false) as correct_or_unclear,
        case when models.top_k >= 5 then coalesce(verdicts.top5_correct, false) end
            as top5_correct,
        image_scope.in_scope,
        image_flags.imagenet_m
    from top1
    inner join models using (model)
    inner join images using (image_number)
    inner join image_flags using (image_number)
    inner join image_scope using (image_number)
    left join verdicts using (model, label_set, image_number)
)

select * from final;

COMMENT ON VIEW image_results IS 'One row per model, label set and predicted image: is the top-1 (top-5) prediction right under that label set, and does the image count for it. Every metric aggregates this view';
COMMENT ON COLUMN image_results.model IS 'Model';
COMMENT ON COLUMN image_results.label_set IS 'Label set judging the prediction (original, multilabel_v3, real, ...)';
COMMENT ON COLUMN image_results.image_number IS 'Image (images.image_number)';
COMMENT ON COLUMN image_results.file_name IS 'Image name, ILSVRC2012_val_XXXXXXXX.JPEG';
COMMENT ON COLUMN image_results.original_class IS 'The image''s original ImageNet label; per-class metrics group by it';
COMMENT ON COLUMN image_results.top1_class IS 'The model''s top-1 prediction';
COMMENT ON COLUMN image_results.correct IS 'Top-1 is a correct label of the image in this label set (the strict reading)';
COMMENT ON COLUMN image_results.correct_or_unclear IS 'Top-1 is a correct or unclear label (the paper''s lenient reading, used for multi-label accuracy and ImageNet-M)';
COMMENT ON COLUMN image_results.top5_correct IS 'One of the top-5 predictions is a correct label; NULL when the model has fewer than 5 predictions per image';
COMMENT ON COLUMN image_results.in_scope IS 'The image counts for this label set''s metrics (by the label set''s scope rule, label_sets.scope)';
COMMENT ON COLUMN image_results.imagenet_m IS 'The image is in ImageNet-M; NULL when the ImageNet-M list is unknown';
