-- A model's ImageNet top-1 against each variant's, among the published models of each source.
-- Parameters: $model: predicted_model.
-- Shows: variant, source, family, near, near_median, near_best, ours
-- A model of this file on ImageNet's variants (ImageNetV2, -Sketch, -R, -A, ObjectNet,
-- -O) through a published copy of the same weights, and where its ImageNet top-1 places
-- it among each source's published models: how many are within a percentage point of
-- its ImageNet top-1 (near), and their median and best top-1 on the variant, by family
-- (trained, zero-shot); ours is its own top-1 there, from the copy in numbers_from.
with

ours as (
    select value as top1
    from model_metrics
    where model = $model and metric = 'top1' and image_set = 'all'
),

near as (
    select
        robustness.source,
        robustness.family,
        robustness.variant,
        count(*) as near,
        median(robustness.variant_top1) as near_median,
        max(robustness.variant_top1) as near_best
    from robustness, ours
    where robustness.source <> 'local'
        and abs(robustness.imagenet_top1 - ours.top1) <= 0.01
    group by all
),

mine as (
    select variant, variant_top1, numbers_from
    from robustness
    where source = 'local' and model = $model
)

select
    near.variant,
    near.source,
    near.family,
    near.near,
    near.near_median,
    near.near_best,
    mine.variant_top1 as ours,
    mine.numbers_from
from near
left join mine using (variant)
order by near.variant, near.source, near.family
