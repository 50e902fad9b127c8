-- model_metrics: every metric of every model, one row each: the long view the
-- leaderboard, model_summary, the report and add-model's printout derive from.
-- Models with predictions: as stored when they were added. The paper's models
-- without loaded predictions: derived now from the mistakes table (2 models,
-- 18,692 images each: milliseconds).
create or replace view model_metrics as
with

stored_and_derived as (
    select *, 'predictions' as evaluated_from
    from model_metrics_snapshot
    union all
    select model, metric, value, hits, images, classes, evaluated_from
    from model_metrics_live
    where evaluated_from = 'mistakes table'
),

final as (
    select
        stored_and_derived.model,
        stored_and_derived.metric,
        metrics.name,
        metrics.label_set,
        stored_and_derived.value,
        stored_and_derived.hits,
        stored_and_derived.images,
        stored_and_derived.classes,
        stored_and_derived.evaluated_from
    from stored_and_derived
    inner join metrics using (metric)
)

select * from final;

COMMENT ON VIEW model_metrics IS 'Every metric of every model (fractions in [0, 1], or counts), one row per model and metric';
COMMENT ON COLUMN model_metrics.model IS 'Model';
COMMENT ON COLUMN model_metrics.metric IS 'Metric id (metrics.metric), also its leaderboard column';
COMMENT ON COLUMN model_metrics.name IS 'Metric name shown to people';
COMMENT ON COLUMN model_metrics.label_set IS 'Label set judging the predictions';
COMMENT ON COLUMN model_metrics.value IS 'The metric: a fraction in [0, 1], or a count for count metrics; NULL when unknown';
COMMENT ON COLUMN model_metrics.hits IS 'Images counted as right (NULL when unknown)';
COMMENT ON COLUMN model_metrics.images IS 'Images counted (NULL when unknown)';
COMMENT ON COLUMN model_metrics.classes IS 'Original classes with at least one counted image';
COMMENT ON COLUMN model_metrics.evaluated_from IS 'predictions, or the mistakes table for paper models whose predictions are not loaded';
