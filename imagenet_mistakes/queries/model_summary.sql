-- One model's metrics, each with the images it counts, its rank among all models and the best value.
-- Parameters: $model (a model name).
with

ranked as (
    select
        *,
        case when top1 is not null then rank() over (order by top1 desc nulls last) end
            as top1_rank,
        case when top5 is not null then rank() over (order by top5 desc nulls last) end
            as top5_rank,
        case when real is not null then rank() over (order by real desc nulls last) end
            as real_rank,
        case when mla is not null then rank() over (order by mla desc nulls last) end
            as mla_rank,
        case when mla_micro is not null then rank() over (order by mla_micro desc nulls last) end
            as mla_micro_rank,
        case when mla_strict is not null then rank() over (order by mla_strict desc nulls last) end
            as mla_strict_rank,
        case when imagenet_m_correct is not null then rank() over (order by imagenet_m_correct desc nulls last) end
            as imagenet_m_rank,
        count(*) over () as models,
        max(top1) over () as best_top1,
        max(top5) over () as best_top5,
        max(real) over () as best_real,
        max(mla) over () as best_mla,
        max(mla_micro) over () as best_mla_micro,
        max(mla_strict) over () as best_mla_strict,
        max(imagenet_m_correct) over () as best_imagenet_m
    from leaderboard
),

model as (
    select *
    from ranked
    where model = $model
),

final as (
    select 'top-1' as metric, top1 as value, images, top1_rank as rank, models, best_top1 as best
    from model
    union all
    select 'top-5', top5, images, top5_rank, models, best_top5 from model
    union all
    select 'ReaL', real, real_images, real_rank, models, best_real from model
    union all
    select 'multi-label (per class)', mla, mla_images, mla_rank, models, best_mla from model
    union all
    select 'multi-label (per image)', mla_micro, mla_images, mla_micro_rank, models, best_mla_micro
    from model
    union all
    select 'multi-label strict', mla_strict, mla_images, mla_strict_rank, models, best_mla_strict
    from model
    union all
    select 'ImageNet-M correct', imagenet_m_correct, imagenet_m_total, imagenet_m_rank, models,
        best_imagenet_m
    from model
)

select * from final
