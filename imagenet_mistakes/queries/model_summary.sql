-- One model's metrics, each with the images it counts, its rank among all models, the best value and its standing among published models.
-- Parameters: $model: model.
-- Ranks: models with the same value share a rank (values are exact, so identical
-- predictions tie); NULL where the model's value is unknown.
with

ranked as (
    select
        model_metrics.model,
        model_metrics.metric,
        model_metrics.name,
        model_metrics.value,
        model_metrics.images,
        case when model_metrics.value is not null then
            rank() over (
                partition by model_metrics.metric
                order by
                    case when metrics.direction = 'higher' then model_metrics.value end desc nulls last,
                    case when metrics.direction = 'lower' then model_metrics.value end nulls last
            )
        end as rank,
        case when metrics.direction = 'higher'
            then max(model_metrics.value) over (partition by model_metrics.metric)
            else min(model_metrics.value) over (partition by model_metrics.metric)
        end as best
    from model_metrics
    inner join metrics using (metric)
),

this_model as (
    select *
    from ranked
    where model = $model
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
        this_model.images,
        this_model.rank,
        (select count(distinct model) from model_metrics) as models,
        bests.best,
        standing.published,
        metrics.position
    from metrics
    left join this_model using (metric)
    left join (select distinct metric, best from ranked) as bests using (metric)
    left join standing using (metric)
    where exists (select 1 from model_metrics where model = $model)
)

select name as metric, value, images, rank, models, best, published, metric as metric_id
from final
order by position
