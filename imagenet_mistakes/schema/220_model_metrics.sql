-- model_metrics: every metric of every model, one row each: the long view the
-- leaderboard, model_summary, the report and add-model's printout derive from.
-- Models with predictions: as stored when they were added. The paper's models
-- without loaded predictions: as build stored them from the mistakes table.
create or replace view model_metrics as
with

stored as (
    select *, 'predictions' as evaluated_from
    from model_metrics_snapshot
    union all
    select *, 'mistakes table'
    from paper_metrics_snapshot
    -- A model added with predictions under a paper model's name replaces it.
    where model not in (select model from models)
),

-- The Wilson score interval of hits / images (z: the confidence view),
-- which stays inside [0, 1] and keeps its coverage for few images or extreme
-- shares, where the normal approximation fails: ImageNet-M has 68 images.
wilson as (
    select
        *,
        -- Wilson's center and half width.
        (share + z2_n / 2) / (1 + z2_n) as center,
        sqrt(z2_n * (share * (1 - share) + z2_n / 4)) / (1 + z2_n) as half_width
    from (
        select
            stored.*,
            confidence.z,
            hits::double / nullif(images, 0) as share,
            confidence.z * confidence.z / nullif(images, 0) as z2_n,
            confidence.z * sqrt(variance) as class_half_width
        from stored
        cross join confidence
    ) as shares
),

final as (
    select
        wilson.model,
        wilson.metric,
        metrics.name,
        metrics.label_set,
        wilson.value,
        -- Per image: Wilson. A count: Wilson's bounds on its share, in images.
        -- A mean over classes: value +- z standard errors of the mean of the
        -- per-class proportions (model_metrics_live.variance), within [0, 1];
        -- a class-stratified bootstrap draws each class's hits from the same
        -- binomial, so has the same variance, with noise and 1,000 times the work.
        case metrics.aggregate
            when 'image' then wilson.center - wilson.half_width
            when 'count' then (wilson.center - wilson.half_width) * wilson.images
            -- (not greatest() and least(), which skip NULLs in both engines)
            when 'class' then case when wilson.value < wilson.class_half_width
                then 0 else wilson.value - wilson.class_half_width end
        end as lower,
        case metrics.aggregate
            when 'image' then wilson.center + wilson.half_width
            when 'count' then (wilson.center + wilson.half_width) * wilson.images
            when 'class' then case when wilson.value + wilson.class_half_width > 1
                then 1 else wilson.value + wilson.class_half_width end
        end as upper,
        wilson.hits,
        wilson.images,
        wilson.classes,
        wilson.evaluated_from
    from wilson
    inner join metrics using (metric)
)

select * from final;

COMMENT ON VIEW model_metrics IS 'Every metric of every model (fractions in [0, 1], or counts), one row per model and metric';
COMMENT ON COLUMN model_metrics.model IS 'Model';
COMMENT ON COLUMN model_metrics.metric IS 'Metric id (metrics.metric), also its leaderboard column';
COMMENT ON COLUMN model_metrics.name IS 'Metric name shown to people';
COMMENT ON COLUMN model_metrics.label_set IS 'Label set judging the predictions';
COMMENT ON COLUMN model_metrics.value IS 'The metric: a fraction in [0, 1], or a count for count metrics; NULL when unknown';
COMMENT ON COLUMN model_metrics.lower IS 'Lower bound of its confidence interval (at the level of data/intervals.toml): Wilson per image, in images for counts, value - z standard errors for a mean over classes';
COMMENT ON COLUMN model_metrics.upper IS 'Upper bound of its confidence interval, as lower';
COMMENT ON COLUMN model_metrics.hits IS 'Images counted as right (NULL when unknown)';
COMMENT ON COLUMN model_metrics.images IS 'Images counted (NULL when unknown)';
COMMENT ON COLUMN model_metrics.classes IS 'Original classes with at least one counted image';
COMMENT ON COLUMN model_metrics.evaluated_from IS 'predictions, or the mistakes table for paper models whose predictions are not loaded';
