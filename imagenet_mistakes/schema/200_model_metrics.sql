-- model_metrics: every metric of the paper for each model with predictions, computed live.
-- `leaderboard` reads the same figures from model_metrics_snapshot, written
-- when each model is added, because computing all models live takes seconds.
create or replace view model_metrics as
with

-- One pass over image_results, counted per class and scope: the per-image
-- figures are sums of these counts, the per-class ones their ratios.
per_class as (
    select
        model,
        label_set,
        original_class,
        in_scope,
        count(*) as images,
        count(*) filter (where correct) as correct,
        count(*) filter (where correct_or_unclear) as correct_or_unclear,
        -- NULL, as top5_correct, when the model has fewer than 5 predictions per image.
        sum(top5_correct::integer) as top5_correct,
        count(*) filter (where imagenet_m) as imagenet_m_images,
        count(*) filter (where imagenet_m and correct_or_unclear) as imagenet_m_correct,
        bool_and(imagenet_m is not null) as imagenet_m_known
    from image_results
    group by model, label_set, original_class, in_scope
),

final as (
    select
        model,
        sum(correct) filter (where label_set = 'original')::double
            / sum(images) filter (where label_set = 'original') as top1,
        sum(top5_correct) filter (where label_set = 'original')::double
            / sum(images) filter (where label_set = 'original') as top5,
        sum(correct) filter (where label_set = 'real' and in_scope)::double
            / sum(images) filter (where label_set = 'real' and in_scope) as real,
        avg(correct_or_unclear::double / images) filter (where label_set = 'multilabel_v3' and in_scope)
            as mla,
        sum(correct_or_unclear) filter (where label_set = 'multilabel_v3' and in_scope)::double
            / sum(images) filter (where label_set = 'multilabel_v3' and in_scope) as mla_micro,
        avg(correct::double / images) filter (where label_set = 'multilabel_v3' and in_scope)
            as mla_strict,
        -- Unknown, not 0, when the ImageNet-M list is unknown (imagenet_m all NULL).
        -- (Sums of counts are cast back to BIGINT: DuckDB sums them as HUGEINT.)
        case when bool_and(imagenet_m_known) then
            coalesce(sum(imagenet_m_correct) filter (where label_set = 'multilabel_v3'), 0)::bigint
        end as imagenet_m_correct,
        case when bool_and(imagenet_m_known) then
            coalesce(sum(imagenet_m_images) filter (where label_set = 'multilabel_v3'), 0)::bigint
        end as imagenet_m_total,
        coalesce(sum(images) filter (where label_set = 'original'), 0)::bigint as images,
        coalesce(sum(images) filter (where label_set = 'real' and in_scope), 0)::bigint
            as real_images,
        coalesce(sum(images) filter (where label_set = 'multilabel_v3' and in_scope), 0)::bigint
            as mla_images,
        count(*) filter (where label_set = 'multilabel_v3' and in_scope) as mla_classes
    from per_class
    group by model
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
