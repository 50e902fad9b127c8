-- model_metrics: every metric of the paper for each model with predictions, computed live.
-- `leaderboard` reads the same figures from model_metrics_snapshot, written
-- when each model is added, because computing all models live takes seconds.
create or replace view model_metrics as
with

per_image as (
    select
        model,
        avg(correct::integer::double) filter (where label_set = 'original') as top1,
        avg(top5_correct::integer::double) filter (where label_set = 'original') as top5,
        count(*) filter (where label_set = 'original') as images,
        avg(correct::integer::double) filter (where label_set = 'real' and in_scope) as real,
        count(*) filter (where label_set = 'real' and in_scope) as real_images,
        avg(correct_or_unclear::integer::double) filter (where label_set = 'multilabel_v3' and in_scope)
            as mla_micro,
        count(*) filter (where label_set = 'multilabel_v3' and in_scope) as mla_images,
        -- Unknown, not 0, when the ImageNet-M list is unknown (imagenet_m all NULL).
        case when bool_and(imagenet_m is not null) then
            count(*) filter (
                where label_set = 'multilabel_v3' and imagenet_m and correct_or_unclear
            )
        end as imagenet_m_correct,
        case when bool_and(imagenet_m is not null) then
            count(*) filter (where label_set = 'multilabel_v3' and imagenet_m)
        end as imagenet_m_total
    from image_results
    group by model
),

per_class as (
    select
        model,
        avg(lenient_accuracy) as mla,
        avg(accuracy) as mla_strict,
        count(*) as mla_classes
    from class_accuracy
    where label_set = 'multilabel_v3'
    group by model
),

final as (
    select
        per_image.model,
        per_image.top1,
        per_image.top5,
        per_image.real,
        per_class.mla,
        per_image.mla_micro,
        per_class.mla_strict,
        per_image.imagenet_m_correct,
        per_image.imagenet_m_total,
        per_image.images,
        per_image.real_images,
        per_image.mla_images,
        coalesce(per_class.mla_classes, 0) as mla_classes
    from per_image
    left join per_class using (model)
)

select * from final;

COMMENT ON VIEW model_metrics IS 'The leaderboard''s metrics of each model with predictions, computed live from the predictions (slow over many models; the leaderboard reads model_metrics_snapshot)';
COMMENT ON COLUMN model_metrics.model IS 'As leaderboard.model';
COMMENT ON COLUMN model_metrics.top1 IS 'As leaderboard.top1';
COMMENT ON COLUMN model_metrics.top5 IS 'As leaderboard.top5';
COMMENT ON COLUMN model_metrics.real IS 'As leaderboard.real';
COMMENT ON COLUMN model_metrics.mla IS 'As leaderboard.mla';
COMMENT ON COLUMN model_metrics.mla_micro IS 'As leaderboard.mla_micro';
COMMENT ON COLUMN model_metrics.mla_strict IS 'As leaderboard.mla_strict';
COMMENT ON COLUMN model_metrics.imagenet_m_correct IS 'As leaderboard.imagenet_m_correct';
COMMENT ON COLUMN model_metrics.imagenet_m_total IS 'As leaderboard.imagenet_m_total';
COMMENT ON COLUMN model_metrics.images IS 'As leaderboard.images';
COMMENT ON COLUMN model_metrics.real_images IS 'As leaderboard.real_images';
COMMENT ON COLUMN model_metrics.mla_images IS 'As leaderboard.mla_images';
COMMENT ON COLUMN model_metrics.mla_classes IS 'As leaderboard.mla_classes';
