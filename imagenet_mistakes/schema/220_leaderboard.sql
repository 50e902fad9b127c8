-- leaderboard: one row per model, every metric of the paper with the number of images it counts.
-- Models with predictions are evaluated from them (model_metrics, as stored
-- when they were added); the paper's models without loaded predictions get
-- the multi-label figures paper_model_accuracy derives from the mistakes
-- table, and NULL where those cannot be derived.
create or replace view leaderboard as
with

from_predictions as (
    select *, 'predictions' as evaluated_from
    from model_metrics_snapshot
),

from_mistakes as (
    select
        model,
        null::double as top1,
        null::double as top5,
        null::double as real,
        mla,
        mla_micro,
        null::double as mla_strict,
        imagenet_m_correct,
        imagenet_m_total,
        null::bigint as images,
        null::bigint as real_images,
        mla_images,
        mla_classes,
        'mistakes table' as evaluated_from
    from paper_model_accuracy
    where model not in (select model from model_metrics_snapshot)
),

final as (
    select * from from_predictions
    union all
    select * from from_mistakes
)

select * from final;

COMMENT ON VIEW leaderboard IS 'Every model''s metrics (fractions in [0, 1]) with the number of images each counts';
COMMENT ON COLUMN leaderboard.model IS 'Model';
COMMENT ON COLUMN leaderboard.top1 IS 'Top-1 accuracy against the original labels';
COMMENT ON COLUMN leaderboard.top5 IS 'Top-5 accuracy against the original labels; NULL with fewer than 5 predictions per image';
COMMENT ON COLUMN leaderboard.real IS 'ReaL accuracy: top-1 in the ReaL labels, images with an empty ReaL list excluded';
COMMENT ON COLUMN leaderboard.mla IS 'Multi-label accuracy (the paper''s): top-1 correct or unclear on non-problematic annotated images, per original class, averaged over classes';
COMMENT ON COLUMN leaderboard.mla_micro IS 'Multi-label accuracy averaged over images instead of classes';
COMMENT ON COLUMN leaderboard.mla_strict IS 'Multi-label accuracy counting only correct labels (unclear counts as wrong), averaged over classes';
COMMENT ON COLUMN leaderboard.imagenet_m_correct IS 'ImageNet-M images whose top-1 is correct or unclear; NULL when the ImageNet-M list is unknown';
COMMENT ON COLUMN leaderboard.imagenet_m_total IS 'ImageNet-M images the model has predictions for (68 when complete); NULL when the list is unknown';
COMMENT ON COLUMN leaderboard.images IS 'Images top1 and top5 count';
COMMENT ON COLUMN leaderboard.real_images IS 'Images ReaL accuracy counts';
COMMENT ON COLUMN leaderboard.mla_images IS 'Images the multi-label accuracies count';
COMMENT ON COLUMN leaderboard.mla_classes IS 'Classes mla and mla_strict average over';
COMMENT ON COLUMN leaderboard.evaluated_from IS 'predictions, or the mistakes table for paper models whose predictions are not loaded';
