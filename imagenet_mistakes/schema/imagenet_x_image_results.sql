-- imagenet_x_image_results: one row per model, image ImageNet-X's
-- evaluation scores (annotated, not prototypical) that the model predicted,
-- and reading of right it publishes accuracies for (imagenet_x/aggregate.py
-- and utils.py in the imagenet-x package): the original label (class), a
-- ReaL label (real_class: an image without ReaL labels counts wrong, as
-- ImageNet-X reads real.json, where our real label set leaves it out), or
-- the label's metaclass (metaclass). factor_counts_live and
-- metaclass_accuracy aggregate it. Read from image_results, so it streams;
-- filter on model.
create or replace view imagenet_x_image_results as
with

scored as (
    select image_number
    from imagenet_x_images
    where not prototypical
),

original as (
    select model, image_number, original_class, top1_class, correct
    from image_results
    where label_set = 'original' and image_number in (select image_number from scored)
),

-- ReaL's labels per image, read as image_results judges them (its correct
-- classes); joined per image, not per model, so the view streams.
real as (
    select image_number, correct_classes
    from image_scope
    where label_set = 'real'
),

final as (
    select
        original.model,
        original.image_number,
        original.original_class,
        original.top1_class,
        label_metaclass.metaclass,
        readings.reading,
        case readings.reading
            when 'class' then original.correct
            when 'real_class' then
                coalesce(list_contains(real.correct_classes, original.top1_class), false)
            when 'metaclass' then predicted_metaclass.metaclass = label_metaclass.metaclass
        end as correct
    from original
    left join real using (image_number)
    inner join class_metaclasses as label_metaclass
        on label_metaclass.class_id = original.original_class
    inner join class_metaclasses as predicted_metaclass
        on predicted_metaclass.class_id = original.top1_class
    cross join (values ('class'), ('real_class'), ('metaclass')) as readings (reading)
)

select * from final;

COMMENT ON VIEW imagenet_x_image_results IS 'Per model, image ImageNet-X scores (annotated, not prototypical) and reading: is the top-1 right by the original label, by ReaL, by metaclass (CC BY-NC 4.0 annotations: non-commercial use only)';
COMMENT ON COLUMN imagenet_x_image_results.model IS 'Model';
COMMENT ON COLUMN imagenet_x_image_results.image_number IS 'Image (imagenet_x_images.image_number)';
COMMENT ON COLUMN imagenet_x_image_results.original_class IS 'The image''s original label';
COMMENT ON COLUMN imagenet_x_image_results.top1_class IS 'The model''s top-1';
COMMENT ON COLUMN imagenet_x_image_results.metaclass IS 'The original label''s metaclass, as ImageNet-X evaluates (class_metaclasses.metaclass)';
COMMENT ON COLUMN imagenet_x_image_results.reading IS 'What counts as right: class (the original label), real_class (a ReaL label; false where ReaL gives none), metaclass (the label''s metaclass)';
COMMENT ON COLUMN imagenet_x_image_results.correct IS 'The top-1 is right under the reading';
