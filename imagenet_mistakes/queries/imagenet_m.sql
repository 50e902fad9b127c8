-- A model's answer on each ImageNet-M image, or one row saying the ImageNet-M list is unknown.
-- Parameters: $model: model.
with

answers as (
    select
        image_results.file_name,
        original.name as original_label,
        predicted.name as prediction,
        image_results.correct_or_unclear as correct,
        (
            select string_agg(classes.name, '; ' order by classes.name)
            from image_labels
            inner join classes using (class_id)
            where image_labels.label_set in (select label_set from label_sets where analysed)
                and image_labels.image_number = image_results.image_number
                and image_labels.verdict in ('correct', 'unclear')
        ) as accepted_labels
    from image_results
    inner join classes as original on original.class_id = image_results.original_class
    inner join classes as predicted on predicted.class_id = image_results.top1_class
    where image_results.model = $model
        and image_results.label_set in (select label_set from label_sets where analysed)
        and image_results.imagenet_m
),

unknown as (
    select
        'ImageNet-M list unknown: build from the canonical multi-label file or --tfds-data-dir'
            as file_name,
        null as original_label,
        null as prediction,
        null::boolean as correct,
        null as accepted_labels
    where not exists (select 1 from image_flags where imagenet_m is not null)
)

select * from answers
union all
select * from unknown
order by correct nulls first, file_name
