-- top1_results: one row per model, label set and image that the label set scores
-- (image_scope) and the model has predictions for: is its top-1 right.
-- The mistake analysis reads this view; image_results adds the top 5, which
-- costs a join over every model's ranks 2 to 5 before the first row.
create or replace view top1_results as
with

top1 as (
    select model, image_number, class_id as top1_class
    from predictions
    where rank = 1
),

final as (
    select
        top1.model,
        image_scope.label_set,
        top1.image_number,
        images.file_name,
        images.label as original_class,
        top1.top1_class,
        coalesce(accepted_labels.correct, false) as correct,
        accepted_labels.class_id is not null as correct_or_unclear,
        image_flags.imagenet_m
    from top1
    inner join models using (model)
    inner join images using (image_number)
    inner join image_flags using (image_number)
    inner join image_scope using (image_number)
    left join accepted_labels
        on accepted_labels.label_set = image_scope.label_set
        and accepted_labels.image_number = top1.image_number
        and accepted_labels.class_id = top1.top1_class
)

select * from final;

COMMENT ON VIEW top1_results IS 'One row per model, label set and scored image the model predicted: is the top-1 prediction right under that label set';
COMMENT ON COLUMN top1_results.model IS 'Model';
COMMENT ON COLUMN top1_results.label_set IS 'Label set judging the prediction (original, multilabel_v3, real, ...)';
COMMENT ON COLUMN top1_results.image_number IS 'Image (images.image_number); one its label set scores (image_scope)';
COMMENT ON COLUMN top1_results.file_name IS 'Image name, ILSVRC2012_val_XXXXXXXX.JPEG';
COMMENT ON COLUMN top1_results.original_class IS 'The image''s original ImageNet label';
COMMENT ON COLUMN top1_results.top1_class IS 'The model''s top-1 prediction';
COMMENT ON COLUMN top1_results.correct IS 'Top-1 is a correct label of the image in this label set (the strict reading)';
COMMENT ON COLUMN top1_results.correct_or_unclear IS 'Top-1 is a correct or unclear label (the paper''s lenient reading, used for multi-label accuracy and ImageNet-M)';
COMMENT ON COLUMN top1_results.imagenet_m IS 'The image is in ImageNet-M; NULL when the ImageNet-M list is unknown';
