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
-- A mean over classes gets Wilson's interval at its effective number of
-- images (Kish's): value (1 - value) / variance, the images a plain share
-- would need to be as precise, with the variance of the mean of per-class
-- proportions (model_metrics_live.variance). With many classes that is the
-- normal interval value +- z standard errors, moved by 1e-4 at most here; with
-- few images it stays wide where the variance estimate fails: when every class
-- is all right or all wrong (one image each, say) the variance reads 0, and the
-- effective number is then the images counted.
wilson as (
    select
        *,
        -- Wilson's center and half width.
        (share + z2_n / 2) / (1 + z2_n) as center,
        sqrt(z2_n * (share * (1 - share) + z2_n / 4)) / (1 + z2_n) as half_width
    from (
        select
            stored.*,
            metrics.aggregate,
            case metrics.aggregate
                when 'class' then stored.value
                else stored.hits::double / nullif(stored.images, 0)
            end as share,
            confidence.z * confidence.z / nullif(case
                when metrics.aggregate = 'class' and stored.variance > 0
                    then stored.value * (1 - stored.value) / stored.variance
                else stored.images
            end, 0) as z2_n
        from stored
        inner join metrics using (metric)
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
        -- Per image and per class: Wilson. A count: Wilson's bounds on its share,
        -- in images. (A class-stratified bootstrap draws each class's hits from
        -- the same binomial, so has the same variance, with noise and 1,000 times
        -- the work.)
        case wilson.aggregate
            when 'count' then (wilson.center - wilson.half_width) * wilson.images
            else wilson.center - wilson.half_width
        end as lower,
        case wilson.aggregate
            when 'count' then (wilson.center + wilson.half_width) * wilson.images
            else wilson.center + wilson.half_width
        end as upper,
        wilson.hits,
        wilson.images,
        wilson.classes,
        wilson.evaluated_from,
        -- The paper's models without predictions are scored on the whole analysed set.
        coalesce(models.image_set, 'all') as image_set
    from wilson
    inner join metrics using (metric)
    left join models using (model)
)

select * from final;

COMMENT ON VIEW model_metrics IS 'Every metric of every model (fractions in [0, 1], or counts), one row per model and metric';
COMMENT ON COLUMN model_metrics.model IS 'Model';
COMMENT ON COLUMN model_metrics.metric IS 'Metric id (metrics.metric), also its leaderboard column';
COMMENT ON COLUMN model_metrics.name IS 'Metric name shown to people';
COMMENT ON COLUMN model_metrics.label_set IS 'Label set judging the predictions';
COMMENT ON COLUMN model_metrics.value IS 'The metric: a fraction in [0, 1], or a count for count metrics; NULL when unknown';
COMMENT ON COLUMN model_metrics.lower IS 'Lower bound of its confidence interval (at the level of data/intervals.toml): Wilson per image, in images for counts, Wilson at the effective number of images for a mean over classes';
COMMENT ON COLUMN model_metrics.upper IS 'Upper bound of its confidence interval, as lower';
COMMENT ON COLUMN model_metrics.hits IS 'Images counted as right (NULL when unknown)';
COMMENT ON COLUMN model_metrics.images IS 'Images counted (NULL when unknown)';
COMMENT ON COLUMN model_metrics.classes IS 'Original classes with at least one counted image';
COMMENT ON COLUMN model_metrics.evaluated_from IS 'predictions, or the mistakes table for paper models whose predictions are not loaded';
COMMENT ON COLUMN model_metrics.image_set IS 'The images the model is scored on (models.image_set): all, or a subset; the paper''s models without predictions: all';
