-- Is b really better than a? Each metric, the paired difference and McNemar's exact p.
-- Parameters: $a: predicted_model, $b: predicted_model.
-- Is b really better than a? Each metric on the images both are scored on: both values,
-- the difference b - a with its paired confidence interval, the images only one gets
-- right, and McNemar's exact p.
-- The interval's level is the confidence view's (data/intervals.toml). Per image and counts:
-- Agresti and Min's (2005) paired interval, the Wald interval after adding half
-- an image to each of the four cells, which keeps its coverage with few
-- discordant images (ImageNet-M) where Wald's collapses to a point. Means over
-- classes: z standard errors of the mean of the per-class paired differences.
-- McNemar's test (mcnemar_p) compares the discordant images of the metric's scope.
with

paired as (
    select
        metrics.metric,
        metrics.aggregate,
        a.original_class,
        case metrics.hit
            when 'correct' then a.correct
            when 'correct_or_unclear' then a.correct_or_unclear
            when 'top5_correct' then a.top5_correct
        end as a_right,
        case metrics.hit
            when 'correct' then b.correct
            when 'correct_or_unclear' then b.correct_or_unclear
            when 'top5_correct' then b.top5_correct
        end as b_right
    from metrics
    inner join image_results as a
        on a.label_set = metrics.label_set and (metrics.scope = 'label_set' or a.imagenet_m)
    inner join image_results as b
        on b.label_set = a.label_set and b.image_number = a.image_number
    where a.model = $a and b.model = $b
),

-- Per class, the counts of the 2 x 2 table (both right is the rest).
classes as (
    select
        metric,
        aggregate,
        original_class,
        count(*) as images,
        count(*) filter (where a_right) as a_hits,
        count(*) filter (where b_right) as b_hits,
        count(*) filter (where a_right and not b_right) as only_a,
        count(*) filter (where b_right and not a_right) as only_b
    from paired
    -- A model with fewer than 5 predictions has no top-5 answer.
    where a_right is not null and b_right is not null
    group by metric, aggregate, original_class
),

totals as (
    select
        metric,
        aggregate,
        sum(images)::bigint as images,
        sum(a_hits)::bigint as a_hits,
        sum(b_hits)::bigint as b_hits,
        sum(only_a)::bigint as only_a,
        sum(only_b)::bigint as only_b,
        count(*) as classes,
        -- Means over classes as model_metrics_live takes them: exact, in 2^-52ths.
        sum(a_hits * 4503599627370496 // images) as scaled_a,
        sum(b_hits * 4503599627370496 // images) as scaled_b,
        -- Variance of the mean of per-class paired differences, times classes^2.
        sum(((only_a + only_b)::double / images
            - ((only_b - only_a)::double / images) ^ 2) / images) as class_variance
    from classes
    group by metric, aggregate
),

estimates as (
    select
        *,
        case aggregate
            when 'class' then scaled_a::double / (classes * 4503599627370496)
            when 'image' then a_hits::double / images
            when 'count' then a_hits::double
        end as a_value,
        case aggregate
            when 'class' then scaled_b::double / (classes * 4503599627370496)
            when 'image' then b_hits::double / images
            when 'count' then b_hits::double
        end as b_value,
        -- Agresti-Min: half an image added to each cell.
        (only_b - only_a)::double / (images + 2) as adjusted_difference,
        sqrt((only_a + only_b + 1) - (only_b - only_a)::double ^ 2 / (images + 2))
            / (images + 2) as adjusted_error
    from totals
),

final as (
    select
        e.metric,
        metrics.name,
        e.a_value,
        e.b_value,
        e.b_value - e.a_value as difference,
        case e.aggregate
            when 'class' then e.b_value - e.a_value - z * sqrt(e.class_variance) / e.classes
            when 'image' then greatest(-1, e.adjusted_difference - z * e.adjusted_error)
            when 'count' then
                greatest(-1, e.adjusted_difference - z * e.adjusted_error) * e.images
        end as lower,
        case e.aggregate
            when 'class' then e.b_value - e.a_value + z * sqrt(e.class_variance) / e.classes
            when 'image' then least(1, e.adjusted_difference + z * e.adjusted_error)
            when 'count' then
                least(1, e.adjusted_difference + z * e.adjusted_error) * e.images
        end as upper,
        e.only_a as only_a_right,
        e.only_b as only_b_right,
        e.images,
        mcnemar_p(e.only_a, e.only_b) as p_value,
        metrics.position
    from estimates as e
    inner join metrics using (metric)
    cross join confidence
)

select
    name as metric, a_value, b_value, difference, lower, upper, only_a_right, only_b_right,
    images, p_value, metric as metric_id
from final
order by position
