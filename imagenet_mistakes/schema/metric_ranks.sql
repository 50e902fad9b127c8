-- metric_ranks: each model's rank on each metric, and the ranks it could hold given
-- the confidence intervals (model_metrics): "3rd, statistically tied with 12".
-- Another model is surely better when its interval lies wholly above this one's,
-- surely worse when wholly below; the rest overlap it and could stand either side.
-- So the best rank is 1 + the surely better, the worst is the models minus the
-- surely worse, and the models tied with it are those in between.
-- A model is ranked only among the models scored on the same images
-- (model_metrics.image_set): one scored on 3 images is not "1st" of those
-- scored on 50,000, nor does it push them down.
create or replace view metric_ranks as
with

-- Oriented so that larger is better, whatever the metric's direction.
scores as (
    select
        model_metrics.model,
        model_metrics.metric,
        model_metrics.image_set,
        case metrics.direction when 'higher' then value else -value end as score,
        case metrics.direction when 'higher' then lower else -upper end as score_lower,
        case metrics.direction when 'higher' then upper else -lower end as score_upper
    from model_metrics
    inner join metrics using (metric)
    where model_metrics.value is not null
),

-- Every bound of every model, sorted once per metric: a model's surely better
-- are the lower bounds above its upper bound, its surely worse the upper bounds
-- below its lower bound. Each is a running count along the sorted bounds, where
-- an equal bound comes after the one counting ("wholly above" is strict), so the
-- cost grows as n log n with the models; comparing every pair of models grew as
-- n² (7 s at 3,000 models). A running count over ROWS, not EXCLUDE GROUP, which
-- Spark lacks.
bounds as (
    select model, metric, image_set, score_upper as edge, 'upper' as bound from scores
    union all
    select model, metric, image_set, score_lower, 'lower' from scores
),

bound_counts as (
    select
        model,
        metric,
        image_set,
        bound,
        count(case when bound = 'lower' then 1 end) over (
            partition by metric, image_set order by edge desc, bound = 'lower'
            rows between unbounded preceding and current row
        ) as lower_bounds_above,
        count(case when bound = 'upper' then 1 end) over (
            partition by metric, image_set order by edge, bound = 'upper'
            rows between unbounded preceding and current row
        ) as upper_bounds_below
    from bounds
    where edge is not null
),

counts as (
    select
        scores.model,
        scores.metric,
        scores.image_set,
        rank() over same_images - 1 as above,
        coalesce(better.lower_bounds_above, 0) as surely_better,
        coalesce(worse.upper_bounds_below, 0) as surely_worse,
        count(*) over (partition by scores.metric, scores.image_set) as models
    from scores
    left join (select * from bound_counts where bound = 'upper') as better
        using (model, metric, image_set)
    left join (select * from bound_counts where bound = 'lower') as worse
        using (model, metric, image_set)
    window same_images as (partition by scores.metric, scores.image_set order by scores.score desc)
),

final as (
    select
        model,
        metric,
        1 + above as rank,
        1 + surely_better as best_rank,
        models - surely_worse as worst_rank,
        models - 1 - surely_better - surely_worse as tied_with,
        models,
        image_set
    from counts
)

select * from final;

COMMENT ON VIEW metric_ranks IS 'Each model''s rank on each metric, and the range of ranks its confidence interval allows';
COMMENT ON COLUMN metric_ranks.model IS 'Model';
COMMENT ON COLUMN metric_ranks.metric IS 'Metric id (metrics.metric)';
COMMENT ON COLUMN metric_ranks.rank IS 'Rank by value; models with the same value share it';
COMMENT ON COLUMN metric_ranks.best_rank IS 'Best rank the intervals allow: 1 + the models whose interval lies wholly above this one''s';
COMMENT ON COLUMN metric_ranks.worst_rank IS 'Worst rank the intervals allow: the models less those whose interval lies wholly below this one''s';
COMMENT ON COLUMN metric_ranks.tied_with IS 'Other models whose interval overlaps this one''s: statistically tied with it';
COMMENT ON COLUMN metric_ranks.models IS 'Models ranked: those with a value for the metric on the same images';
COMMENT ON COLUMN metric_ranks.image_set IS 'The images the ranked models are scored on (model_metrics.image_set)';
