-- The ImageNet-M images no model gets right, or one row saying the ImageNet-M list is unknown.
-- Parameters: none.
with

hardest as (
    select imagenet_m_results.file_name, classes.name as original_label, imagenet_m_results.models
    from imagenet_m_results
    inner join classes on classes.class_id = imagenet_m_results.original_class
    where imagenet_m_results.models_right = 0
),

unknown as (
    select
        'ImageNet-M list unknown: build from the canonical multi-label file or --tfds-data-dir'
            as file_name,
        null as original_label,
        null::bigint as models
    where not exists (select 1 from image_flags where imagenet_m is not null)
)

select * from hardest
union all
select * from unknown
order by file_name
