-- paper_model_accuracy: multi-label accuracy of the paper's models (vit3b, greedy_soups)
-- derived from the mistakes table, for when their predictions cannot be had.
-- The paper categorised every mistake of these models on the non-problematic
-- annotated images, so each such image that is not a listed mistake counts as
-- correct (top-1 correct or unclear). The strict variant, top-1/top-5 and ReaL
-- need the predictions themselves and are not derivable.
create or replace view paper_model_accuracy as
with

paper_models as (
    select distinct model
    from mistakes
),

in_scope as (
    select image_flags.image_number, images.label as class_id, image_flags.imagenet_m
    from image_flags
    inner join images using (image_number)
    where image_flags.multilabel_annotated and not image_flags.problematic
),

per_image as (
    select
        paper_models.model,
        in_scope.image_number,
        in_scope.class_id,
        in_scope.imagenet_m,
        mistakes.image_number is null as correct_or_unclear
    from paper_models
    cross join in_scope
    left join mistakes
        on mistakes.model = paper_models.model
        and mistakes.image_number = in_scope.image_number
),

per_class as (
    select model, class_id, avg(correct_or_unclear::integer::double) as lenient_accuracy
    from per_image
    group by model, class_id
),

macro as (
    select model, avg(lenient_accuracy) as mla, count(*) as mla_classes
    from per_class
    group by model
),

micro as (
    select
        model,
        avg(correct_or_unclear::integer::double) as mla_micro,
        count(*) as mla_images,
        -- Unknown, not 0, when the ImageNet-M list is unknown (imagenet_m all NULL).
        case when bool_and(imagenet_m is not null) then
            count(*) filter (where imagenet_m and correct_or_unclear)
        end as imagenet_m_correct,
        case when bool_and(imagenet_m is not null) then
            count(*) filter (where imagenet_m)
        end as imagenet_m_total
    from per_image
    group by model
),

final as (
    select
        micro.model,
        macro.mla,
        micro.mla_micro,
        micro.mla_images,
        macro.mla_classes,
        micro.imagenet_m_correct,
        micro.imagenet_m_total
    from micro
    inner join macro using (model)
)

select * from final;

COMMENT ON VIEW paper_model_accuracy IS 'Multi-label accuracy of vit3b and greedy_soups derived from the paper''s mistakes table: every non-problematic annotated image not listed as a mistake counts as correct';
COMMENT ON COLUMN paper_model_accuracy.model IS 'Paper model (vit3b, greedy_soups)';
COMMENT ON COLUMN paper_model_accuracy.mla IS 'Multi-label accuracy: per-class accuracy averaged over the original classes';
COMMENT ON COLUMN paper_model_accuracy.mla_micro IS 'Multi-label accuracy over all in-scope images';
COMMENT ON COLUMN paper_model_accuracy.mla_images IS 'Non-problematic annotated images counted';
COMMENT ON COLUMN paper_model_accuracy.mla_classes IS 'Classes averaged over';
COMMENT ON COLUMN paper_model_accuracy.imagenet_m_correct IS 'ImageNet-M images not listed as mistakes; NULL when the ImageNet-M list is unknown';
COMMENT ON COLUMN paper_model_accuracy.imagenet_m_total IS 'ImageNet-M images among those counted; NULL when the list is unknown';
