-- model_metrics_live: every metric of every model, computed now from its class counts (class_results).
-- add-model stores a model's figures from here (model_metrics_snapshot), so
-- that the leaderboard reads a row per model and metric instead of summing
-- a thousand class rows for each; `query integrity` compares the two.
--
-- Exact, whatever the row order or thread schedule: a metric is computed
-- from integer counts, with one rounding at the end. hits / images is one
-- IEEE division, so it is the correctly rounded fraction. A mean over classes
-- sums each class's hits / images as an integer number of 2^-52ths, rounded
-- down (hits <= 50, the images of a class, so hits * 2^52 < 2^58, and the
-- sum over 1,000 classes < 2^62 fits a BIGINT), and divides once: within
-- 2^-52 of the exact mean, and the same value for the same counts every time.
--
-- A mean over classes also gets its variance, for its interval (model_metrics):
-- the variance of a mean of independent per-class proportions, the sum over
-- classes of p (1 - p) / n, over classes^2. Each term, hits (images - hits) /
-- images^3, is summed as an integer number of 2^-40ths (hits (images - hits)
-- <= images^2 / 4, so each scaled term fits a BIGINT up to 5,000 images a class).
create or replace view model_metrics_live as
with

-- Every metric of every model with predictions; the paper's models without
-- them get the metrics of the analysed label set, the only ones derivable.
-- The ImageNet-M metrics are left out while the ImageNet-M list is unknown.
frame as (
    select models.model, 'predictions' as evaluated_from, metrics.metric, metrics.aggregate
    from models
    cross join metrics
    union all
    select distinct mistakes.model, 'mistakes table', metrics.metric, metrics.aggregate
    from mistakes
    cross join metrics
    where mistakes.model not in (select model from models)
        and metrics.label_set in (select label_set from label_sets where analysed)
),

counts as (
    select
        class_results.model,
        class_results.evaluated_from,
        metrics.metric,
        class_results.images,
        case metrics.hit
            when 'correct' then class_results.correct
            when 'correct_or_unclear' then class_results.correct_or_unclear
            when 'top5_correct' then class_results.top5_correct
        end as hits
    from class_results
    inner join metrics
        on metrics.label_set = class_results.label_set and metrics.scope = class_results.scope
),

sums as (
    select
        model,
        evaluated_from,
        metric,
        sum(hits) as hits,
        sum(images) as images,
        sum(hits * 4503599627370496 // nullif(images, 0)) as scaled_class_hits,
        sum(hits * (images - hits) * 1099511627776 // nullif(images * images * images, 0))
            as scaled_class_variance,
        count(*) filter (where images > 0) as classes
    from counts
    group by model, evaluated_from, metric
),

final as (
    select
        frame.model,
        frame.metric,
        case frame.aggregate
            when 'image' then sums.hits::double / nullif(sums.images, 0)
            when 'class' then
                sums.scaled_class_hits::double / nullif(sums.classes * 4503599627370496, 0)
            when 'count' then coalesce(sums.hits, 0)::double
        end as value,
        case when frame.aggregate = 'class' then
            sums.scaled_class_variance::double / 1099511627776 / (sums.classes * sums.classes)
        end as variance,
        -- No counted image is 0 hits; counted images with unknown answers are NULL.
        (case when sums.model is null then 0 else sums.hits end)::bigint as hits,
        coalesce(sums.images, 0)::bigint as images,
        coalesce(sums.classes, 0) as classes,
        frame.evaluated_from
    from frame
    left join sums using (model, evaluated_from, metric)
    inner join metrics using (metric)
    where metrics.scope <> 'imagenet_m'
        or exists (select 1 from image_flags where imagenet_m is not null)
)

select * from final;

COMMENT ON VIEW model_metrics_live IS 'Every metric of every model computed now from its class counts (class_results); model_metrics reads the figures stored when each model was added';
COMMENT ON COLUMN model_metrics_live.model IS 'As model_metrics.model';
COMMENT ON COLUMN model_metrics_live.metric IS 'As model_metrics.metric';
COMMENT ON COLUMN model_metrics_live.value IS 'As model_metrics.value';
COMMENT ON COLUMN model_metrics_live.variance IS 'For a mean over classes: the variance of the estimate, the sum over classes of p (1 - p) / images, over classes squared; NULL for other metrics';
COMMENT ON COLUMN model_metrics_live.hits IS 'As model_metrics.hits';
COMMENT ON COLUMN model_metrics_live.images IS 'As model_metrics.images';
COMMENT ON COLUMN model_metrics_live.classes IS 'As model_metrics.classes';
COMMENT ON COLUMN model_metrics_live.evaluated_from IS 'As model_metrics.evaluated_from';
