-- model_metrics_live: every metric of every model, computed now from class_results.
-- model_metrics reads the same figures as stored when each model was added,
-- because computing many models live takes seconds.
--
-- Exact, whatever the row order or thread schedule: a metric is computed
-- from integer counts, with one rounding at the end. hits / images is one
-- IEEE division, so it is the correctly rounded fraction. A mean over classes
-- sums each class's hits / images as an integer number of 2^-52ths, rounded
-- down (hits <= 50, the images of a class, so hits * 2^52 < 2^58, and the
-- sum over 1,000 classes < 2^62 fits a BIGINT), and divides once: within
-- 2^-52 of the exact mean, and the same value for the same counts every time.
create or replace view model_metrics_live as
with

counts as (
    select
        class_results.model,
        class_results.evaluated_from,
        metrics.metric,
        metrics.aggregate,
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

final as (
    select
        model,
        metric,
        case aggregate
            when 'image' then sum(hits)::double / nullif(sum(images), 0)
            when 'class' then
                sum(hits * 4503599627370496 // nullif(images, 0))::double
                / nullif(count(*) filter (where images > 0) * 4503599627370496, 0)
            when 'count' then sum(hits)::double
        end as value,
        sum(hits)::bigint as hits,
        sum(images)::bigint as images,
        count(*) filter (where images > 0) as classes,
        evaluated_from
    from counts
    group by model, metric, aggregate, evaluated_from
)

select * from final;

COMMENT ON VIEW model_metrics_live IS 'Every metric of every model computed now from its predictions (slow over many models: model_metrics reads the stored figures)';
COMMENT ON COLUMN model_metrics_live.model IS 'As model_metrics.model';
COMMENT ON COLUMN model_metrics_live.metric IS 'As model_metrics.metric';
COMMENT ON COLUMN model_metrics_live.value IS 'As model_metrics.value';
COMMENT ON COLUMN model_metrics_live.hits IS 'As model_metrics.hits';
COMMENT ON COLUMN model_metrics_live.images IS 'As model_metrics.images';
COMMENT ON COLUMN model_metrics_live.classes IS 'As model_metrics.classes';
COMMENT ON COLUMN model_metrics_live.evaluated_from IS 'As model_metrics.evaluated_from';
