-- One model's metrics with intervals, ranks, the best value and its published standing.
-- Parameters: $model: model.
-- Shows: metric, value, images, rank, best_rank, worst_rank, published, note?
-- One model's metrics, each with its confidence interval, the images it counts, its rank
-- among the models on the same images with the ranks its interval allows, the best value
-- among them and its standing among published models.
-- Ranks (metric_ranks): models with the same value share a rank (values are
-- exact, so identical predictions tie); NULL where the model's value is unknown.
-- Ranks, the best value and the count of models are among the models scored on
-- the same images (model_metrics.image_set): a model scored on 3 images is
-- neither "best" for a model scored on all of them nor compared with it.
-- A metric the model has no value for says why in `note`.
with

this_set as (
    select distinct image_set from model_metrics where model = $model
),

this_model as (
    select
        model_metrics.metric,
        model_metrics.value,
        model_metrics.lower,
        model_metrics.upper,
        model_metrics.images,
        metric_ranks.rank,
        metric_ranks.best_rank,
        metric_ranks.worst_rank,
        metric_ranks.tied_with
    from model_metrics
    left join metric_ranks using (model, metric)
    where model_metrics.model = $model
),

bests as (
    select
        metric,
        case when metrics.direction = 'higher' then max(value) else min(value) end as best
    from model_metrics
    inner join metrics using (metric)
    where image_set in (select image_set from this_set)
    group by metric, metrics.direction
),

-- Where the model stands among each source's published results: "612th of
-- 1556 timm", or "below all 1556 timm" when every one is better.
standing as (
    select
        metric,
        string_agg(
            case when rank > compared then 'below all' else rank || case
                when rank % 100 between 11 and 13 then 'th'
                when rank % 10 = 1 then 'st'
                when rank % 10 = 2 then 'nd'
                when rank % 10 = 3 then 'rd'
                else 'th'
            end || ' of' end || ' ' || compared || ' ' || source,
            ', ' order by source
        ) as published
    from published_standing
    where model = $model
    group by metric
),

-- Every metric, unknown ones too, for a model that has any.
final as (
    select
        metrics.metric,
        metrics.name,
        this_model.value,
        this_model.lower,
        this_model.upper,
        this_model.images,
        this_model.rank,
        this_model.best_rank,
        this_model.worst_rank,
        this_model.tied_with,
        (
            select count(distinct model)
            from model_metrics
            where image_set in (select image_set from this_set)
        ) as models,
        bests.best,
        standing.published,
        case
            when this_model.value is not null then null
            when given.top_k is null then 'no predictions: known from the paper''s mistakes alone'
            when metrics.hit = 'top5_correct' and given.top_k < 5
                then 'needs 5 predictions an image; this model has ' || given.top_k
        end as note,
        metrics.position
    from metrics
    left join (select top_k from models where model = $model) as given on true
    left join this_model using (metric)
    left join bests using (metric)
    left join standing using (metric)
    -- (Not EXISTS over model_metrics: DuckDB 2.0.1 then drops these rows from the union
    -- with the shares below.)
    where (select count(*) from this_model) > 0
),

-- Then what kind its mistakes are: each category's share of them, its count as `images`
-- (model_category_shares).
shares as (
    select
        'mistakes: ' || category as name,
        share as value,
        mistakes as images,
        'share_' || replace(category, '-', '_') as metric,
        position
    from model_category_shares
    where model = $model
)

select
    name as metric, value, lower, upper, images, rank, best_rank, worst_rank, tied_with, models,
    best, published, note, metric as metric_id, (select image_set from this_set) as image_set
from (
    select *, 0 as part from final
    union all by name
    select *, 1 as part from shares
) as summary
order by part, position
