-- class_results: per model, label set, original class and scope, how many images count
-- and how many of them each kind of hit gets right. Every metric sums these integers.
-- scope 'label_set': the images the label set's metrics count (image_scope);
-- scope 'imagenet_m': the ImageNet-M images (all counts NULL when the list is unknown).
-- The paper's models whose predictions are not loaded come from the mistakes
-- table: the paper categorised every mistake of theirs on the images in scope
-- of the analysed label set, so each such image not listed is correct or
-- unclear; whether it is strictly correct, and everything else, is unknown.
create or replace view class_results as
with

paper_models as (
    select distinct model
    from mistakes
    where model not in (select model from models)
),

from_mistakes_table as (
    select
        paper_models.model,
        image_scope.label_set,
        images.label as original_class,
        null::boolean as correct,
        mistakes.image_number is null as correct_or_unclear,
        null::boolean as top5_correct,
        true as in_scope,
        image_flags.imagenet_m
    from paper_models
    cross join image_scope
    inner join images using (image_number)
    inner join image_flags using (image_number)
    left join mistakes
        on mistakes.model = paper_models.model and mistakes.image_number = image_scope.image_number
    where image_scope.in_scope
        and image_scope.label_set in (select label_set from label_sets where analysed)
),

per_image as (
    select
        model, label_set, original_class, correct, correct_or_unclear, top5_correct, in_scope,
        imagenet_m, 'predictions' as evaluated_from
    from image_results
    union all
    select *, 'mistakes table' as evaluated_from
    from from_mistakes_table
),

counts as (
    select
        model,
        label_set,
        original_class,
        evaluated_from,
        count(*) filter (where in_scope) as images,
        count(*) filter (where in_scope and correct) as correct,
        count(*) filter (where in_scope and correct_or_unclear) as correct_or_unclear,
        -- NULL, as top5_correct, when the model has fewer than 5 predictions per image.
        sum(top5_correct::integer) filter (where in_scope) as top5_correct,
        bool_and(correct is not null) as correct_known,
        bool_and(imagenet_m is not null) as imagenet_m_known,
        count(*) filter (where imagenet_m) as imagenet_m_images,
        count(*) filter (where imagenet_m and correct) as imagenet_m_correct,
        count(*) filter (where imagenet_m and correct_or_unclear) as imagenet_m_correct_or_unclear,
        sum(top5_correct::integer) filter (where imagenet_m) as imagenet_m_top5_correct
    from per_image
    group by model, label_set, original_class, evaluated_from
),

final as (
    select
        model,
        label_set,
        original_class as class_id,
        'label_set' as scope,
        images,
        case when correct_known then correct end as correct,
        correct_or_unclear,
        top5_correct::bigint as top5_correct,
        evaluated_from
    from counts
    union all
    select
        model,
        label_set,
        original_class,
        'imagenet_m',
        case when imagenet_m_known then imagenet_m_images end,
        case when imagenet_m_known and correct_known then imagenet_m_correct end,
        case when imagenet_m_known then imagenet_m_correct_or_unclear end,
        case when imagenet_m_known then imagenet_m_top5_correct end::bigint,
        evaluated_from
    from counts
)

select * from final;

COMMENT ON VIEW class_results IS 'Per model, label set, original class and scope: images counted and hits of each kind; every metric sums these counts';
COMMENT ON COLUMN class_results.model IS 'Model';
COMMENT ON COLUMN class_results.label_set IS 'Label set judging the predictions';
COMMENT ON COLUMN class_results.class_id IS 'Original ImageNet class of the images';
COMMENT ON COLUMN class_results.scope IS 'label_set: the images the label set counts; imagenet_m: the ImageNet-M images';
COMMENT ON COLUMN class_results.images IS 'Images counted (NULL for imagenet_m when the list is unknown)';
COMMENT ON COLUMN class_results.correct IS 'Of those, images whose top-1 is a correct label (NULL when unknown: a paper model without predictions)';
COMMENT ON COLUMN class_results.correct_or_unclear IS 'Of those, images whose top-1 is a correct or unclear label';
COMMENT ON COLUMN class_results.top5_correct IS 'Of those, images with a correct label among the top 5 (NULL with fewer than 5 predictions per image)';
COMMENT ON COLUMN class_results.evaluated_from IS 'predictions, or the mistakes table for paper models whose predictions are not loaded';
