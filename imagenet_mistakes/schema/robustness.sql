-- robustness: top-1 on ImageNet's validation images against top-1 on each of its
-- variants (imagenet_variants), for every published model whose source gives
-- both (timm, the imagenet-testbed, OpenCLIP), the plot of Taori et al. 2020.
-- This file holds predictions on the validation images only, so one of its
-- models is placed on a variant through a published copy of the same weights
-- (crosswalk): its own ImageNet top-1 against its copy's number, the copy
-- named in numbers_from. Each source evaluates a variant by its own protocol.
create or replace view robustness as
with

published_top1 as (
    select source, model, image_size, benchmark, value
    from published_results
    where metric = 'top1'
),

published as (
    select
        imagenet.source,
        imagenet.model,
        imagenet.image_size,
        variant.benchmark,
        imagenet.value as imagenet_top1,
        variant.value as variant_top1
    from published_top1 as imagenet
    inner join published_top1 as variant
        on variant.source = imagenet.source
        and variant.model = imagenet.model
        and variant.image_size is not distinct from imagenet.image_size
    where imagenet.benchmark = 'imagenet'
        and variant.benchmark in (select benchmark from imagenet_variants)
),

local as (
    select
        'local' as source,
        crosswalk.model,
        null::integer as image_size,
        copy.benchmark,
        ours.value as imagenet_top1,
        copy.variant_top1,
        crosswalk.source || ' ' || crosswalk.published_model as numbers_from,
        crosswalk.source as copy_source,
        crosswalk.published_model as copy_model,
        crosswalk.image_size as copy_image_size
    from crosswalk
    inner join model_metrics as ours
        on ours.model = crosswalk.model
        and ours.metric = 'top1'
        and ours.image_set = 'all'
    inner join published as copy
        on copy.source = crosswalk.source
        and copy.model = crosswalk.published_model
        and copy.image_size is not distinct from crosswalk.image_size
    where crosswalk.verdict = 'same weights'
),

both_sides as (
    select
        source, model, image_size, benchmark, imagenet_top1, variant_top1,
        null::varchar as numbers_from,
        source as copy_source, model as copy_model, image_size as copy_image_size
    from published
    union all
    select
        source, model, image_size, benchmark, imagenet_top1, variant_top1, numbers_from,
        copy_source, copy_model, copy_image_size
    from local
),

final as (
    select
        both_sides.source,
        both_sides.model,
        both_sides.image_size,
        published_models.family,
        both_sides.benchmark,
        imagenet_variants.title as variant,
        both_sides.imagenet_top1,
        both_sides.variant_top1,
        both_sides.numbers_from
    from both_sides
    inner join imagenet_variants using (benchmark)
    left join published_models
        on published_models.source = both_sides.copy_source
        and published_models.model = both_sides.copy_model
        and published_models.image_size is not distinct from both_sides.copy_image_size
)

select * from final;

COMMENT ON VIEW robustness IS 'Top-1 on ImageNet against top-1 on each of its variants: every published model whose source gives both, and this file''s models through a published copy of the same weights';
COMMENT ON COLUMN robustness.source IS 'local (this file), or who published the numbers: timm, testbed, openclip';
COMMENT ON COLUMN robustness.model IS 'Model, as its source names it';
COMMENT ON COLUMN robustness.image_size IS 'Resolution of a published evaluation, where given';
COMMENT ON COLUMN robustness.family IS 'trained or zero-shot, as the source says (published_models.family); a local model''s is its copy''s';
COMMENT ON COLUMN robustness.benchmark IS 'The variant''s benchmark id (imagenet_variants.benchmark)';
COMMENT ON COLUMN robustness.variant IS 'The variant''s usual name: ImageNetV2, ImageNet-Sketch, ImageNet-R, ImageNet-A, ObjectNet, ImageNet-O';
COMMENT ON COLUMN robustness.imagenet_top1 IS 'Top-1 on ImageNet''s validation images (a local model''s own)';
COMMENT ON COLUMN robustness.variant_top1 IS 'Top-1 on the variant, as published (a local model''s: its copy''s)';
COMMENT ON COLUMN robustness.numbers_from IS 'For a local model, the published copy of the same weights whose variant number it is (source and name, crosswalk); NULL for a published model';
