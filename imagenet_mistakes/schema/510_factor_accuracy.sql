-- factor_accuracy: per model, each factor of variation's accuracy and
-- ImageNet-X's error ratio (the error rate on the images showing the factor
-- over the error rate on all), as aggregate.py computes them from
-- imagenet_x_image_results: for every factor an image shows (selection
-- multi) or only its top factor (top), under each reading of right (class,
-- real_class, metaclass). Filter on model.
create or replace view factor_accuracy as
with

-- One row per image result and reading: the view is scanned once.
readings as (
    select
        results.model,
        results.image_number,
        readings.reading,
        case readings.reading
            when 'class' then results.correct
            when 'real_class' then results.real_correct
            when 'metaclass' then results.metaclass_correct
        end as correct
    from imagenet_x_image_results as results
    cross join (values ('class'), ('real_class'), ('metaclass')) as readings (reading)
),

factor_images as (
    select image_number, 'multi' as selection, factor
    from image_factors
    union all
    select image_number, 'top', factor
    from image_factors
    where top
),

overall as (
    select model, reading, count(*) as images, count(*) filter (where correct) as correct
    from readings
    group by model, reading
),

by_factor as (
    select
        readings.model,
        factor_images.selection,
        readings.reading,
        factor_images.factor,
        count(*) as images,
        count(*) filter (where readings.correct) as correct
    from readings
    inner join factor_images using (image_number)
    group by readings.model, factor_images.selection, readings.reading, factor_images.factor
),

final as (
    select
        by_factor.model,
        by_factor.selection,
        by_factor.reading,
        by_factor.factor,
        by_factor.images,
        by_factor.correct,
        by_factor.correct / by_factor.images as accuracy,
        overall.correct / overall.images as average_accuracy,
        (1 - by_factor.correct / by_factor.images) / (1 - overall.correct / overall.images)
            as error_ratio,
        overall.images as all_images
    from by_factor
    inner join overall using (model, reading)
)

select * from final;

COMMENT ON VIEW factor_accuracy IS 'Per model, factor selection (multi, top), reading (class, real_class, metaclass) and factor: accuracy on the images showing the factor and ImageNet-X''s error ratio (CC BY-NC 4.0 annotations: non-commercial use only)';
COMMENT ON COLUMN factor_accuracy.model IS 'Model';
COMMENT ON COLUMN factor_accuracy.selection IS 'multi: every factor an image shows counts; top: only its top factor';
COMMENT ON COLUMN factor_accuracy.reading IS 'What counts as right: class (the original label), real_class (a ReaL label), metaclass (the label''s metaclass)';
COMMENT ON COLUMN factor_accuracy.factor IS 'Factor of variation (image_factors.factor)';
COMMENT ON COLUMN factor_accuracy.images IS 'Scored images showing the factor that the model predicted';
COMMENT ON COLUMN factor_accuracy.correct IS 'Of those, right under the reading';
COMMENT ON COLUMN factor_accuracy.accuracy IS 'correct / images';
COMMENT ON COLUMN factor_accuracy.average_accuracy IS 'Accuracy on all scored images the model predicted (ImageNet-X''s average)';
COMMENT ON COLUMN factor_accuracy.error_ratio IS '(1 - accuracy) / (1 - average_accuracy): above 1, the factor makes the model err more than it does overall; NULL-free only when the model errs somewhere';
COMMENT ON COLUMN factor_accuracy.all_images IS 'Scored images the model predicted';
