-- image_results: one row per model, label set and image that the label set
-- scores (image_scope) and the model has predictions for: are its top-1 and top 5 right.
-- Every metric aggregates this view (through class_results), so the metrics
-- agree by construction and a new label set needs no new metric code. It
-- streams: each row reads one predictions row, and the joined tables are small.
create or replace view image_results as
with

final as (
    select
        predictions.model,
        image_scope.label_set,
        predictions.image_number,
        images.file_name,
        images.label as original_class,
        predictions.classes[1] as top1_class,
        list_contains(image_scope.correct_classes, predictions.classes[1]) as correct,
        list_contains(image_scope.accepted_classes, predictions.classes[1])
            as correct_or_unclear,
        -- Rank by rank rather than list_has_any over a slice: this form
        -- translates to Spark SQL and PostgreSQL as it is (views.py).
        case when models.top_k >= 5 then
            list_contains(image_scope.correct_classes, predictions.classes[1])
            or list_contains(image_scope.correct_classes, predictions.classes[2])
            or list_contains(image_scope.correct_classes, predictions.classes[3])
            or list_contains(image_scope.correct_classes, predictions.classes[4])
            or list_contains(image_scope.correct_classes, predictions.classes[5])
        end as top5_correct,
        image_flags.imagenet_m
    from predictions
    inner join models using (model)
    inner join images using (image_number)
    inner join image_flags using (image_number)
    inner join image_scope using (image_number)
)

select * from final;

COMMENT ON VIEW image_results IS 'One row per model, label set and scored image the model predicted: is the top-1 (top-5) prediction right under that label set. Every metric aggregates this view';
COMMENT ON COLUMN image_results.model IS 'Model';
COMMENT ON COLUMN image_results.label_set IS 'Label set judging the prediction (original, multilabel_v3, real, ...)';
COMMENT ON COLUMN image_results.image_number IS 'Image (images.image_number); one its label set scores (image_scope)';
COMMENT ON COLUMN image_results.file_name IS 'Image name, ILSVRC2012_val_XXXXXXXX.JPEG';
COMMENT ON COLUMN image_results.original_class IS 'The image''s original ImageNet label; per-class metrics group by it';
COMMENT ON COLUMN image_results.top1_class IS 'The model''s top-1 prediction';
COMMENT ON COLUMN image_results.correct IS 'Top-1 is a correct label of the image in this label set (the strict reading)';
COMMENT ON COLUMN image_results.correct_or_unclear IS 'Top-1 is a correct or unclear label (the paper''s lenient reading, used for multi-label accuracy and ImageNet-M)';
COMMENT ON COLUMN image_results.top5_correct IS 'One of the top-5 predictions is a correct label; NULL when the model has fewer than 5 predictions per image';
COMMENT ON COLUMN image_results.imagenet_m IS 'The image is in ImageNet-M; NULL when the ImageNet-M list is unknown';
