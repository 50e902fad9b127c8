-- imagenet_m_results: each ImageNet-M image with how many models get it right.
-- No rows when the ImageNet-M list is unknown (see the imagenet_m_hardest query).
create or replace view imagenet_m_results as
with

answers as (
    select
        image_number,
        count(*) as models,
        count(*) filter (where correct_or_unclear) as models_right,
        list(model order by model) filter (where correct_or_unclear) as right_models
    from image_results
    where imagenet_m and label_set in (select label_set from label_sets where analysed)
    group by image_number
),

final as (
    select
        image_flags.image_number,
        images.file_name,
        images.label as original_class,
        coalesce(answers.models, 0) as models,
        coalesce(answers.models_right, 0) as models_right,
        coalesce(answers.right_models, []::varchar[]) as right_models
    from image_flags
    inner join images using (image_number)
    left join answers using (image_number)
    where image_flags.imagenet_m
)

select * from final;

COMMENT ON VIEW imagenet_m_results IS 'Each ImageNet-M image with the number of models (with predictions on it) whose top-1 is correct or unclear';
COMMENT ON COLUMN imagenet_m_results.image_number IS 'ImageNet-M image (images.image_number)';
COMMENT ON COLUMN imagenet_m_results.file_name IS 'Image name, ILSVRC2012_val_XXXXXXXX.JPEG';
COMMENT ON COLUMN imagenet_m_results.original_class IS 'Original ImageNet label';
COMMENT ON COLUMN imagenet_m_results.models IS 'Models with a prediction for the image';
COMMENT ON COLUMN imagenet_m_results.models_right IS 'Of those, models whose top-1 is correct or unclear';
COMMENT ON COLUMN imagenet_m_results.right_models IS 'Names of the models that get it right';
