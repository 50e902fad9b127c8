-- image_results: top1_results with the top 5: one row per model, label set and scored image.
-- Every metric aggregates this view (through class_results), so the metrics
-- agree by construction and a new label set needs no new metric code.
create or replace view image_results as
with

-- Images where a prediction of rank 2 to 5 is a correct label, once each.
-- (Grouping these is cheap: three in four top-1s are right, so few images
-- reach rank 2; a correlated EXISTS instead would scan every model's rows.)
later_hits as (
    select predictions.model, accepted_labels.label_set, predictions.image_number
    from predictions
    inner join accepted_labels using (image_number, class_id)
    where predictions.rank between 2 and 5 and accepted_labels.correct
    group by predictions.model, accepted_labels.label_set, predictions.image_number
),

final as (
    select
        top1_results.model,
        top1_results.label_set,
        top1_results.image_number,
        top1_results.file_name,
        top1_results.original_class,
        top1_results.top1_class,
        top1_results.correct,
        top1_results.correct_or_unclear,
        case when models.top_k >= 5 then
            top1_results.correct or later_hits.model is not null
        end as top5_correct,
        top1_results.imagenet_m
    from top1_results
    inner join models using (model)
    left join later_hits
        on later_hits.model = top1_results.model
        and later_hits.label_set = top1_results.label_set
        and later_hits.image_number = top1_results.image_number
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
