-- factor_counts_live: per model, the counts ImageNet-X's per-factor
-- accuracies divide (aggregate.py), from imagenet_x_image_results: for
-- every factor an image shows (selection multi) or only its top factor
-- (top), under each reading of right (class, real_class, metaclass), the
-- images showing it and how many are right, beside the same two counts
-- over all scored images. add-model stores a model's rows
-- (factor_counts_snapshot) and factor_accuracy reads them. Filter on model
-- (one model or a list of them: each image's results are read once, so the
-- filter reaches them).
create or replace view factor_counts_live as
with

-- The images showing each factor, under both selections, and every scored image
-- under 'all' (no factor): the counts over all scored images come out of the same
-- pass as the factors', not out of reading the results twice.
factor_images as (
    select image_number, 'multi' as selection, factor
    from image_factors
    union all
    select image_number, 'top', factor
    from image_factors
    where top
    union all
    select image_number, 'all', null
    from imagenet_x_images
    where not prototypical
),

counted as (
    select
        results.model,
        factor_images.selection,
        results.reading,
        factor_images.factor,
        count(*) as images,
        count(*) filter (where results.correct) as correct
    from imagenet_x_image_results as results
    inner join factor_images using (image_number)
    group by results.model, factor_images.selection, results.reading, factor_images.factor
),

final as (
    select
        model,
        selection,
        reading,
        factor,
        images,
        correct,
        max(images) filter (where selection = 'all') over (partition by model, reading)
            as all_images,
        max(correct) filter (where selection = 'all') over (partition by model, reading)
            as all_correct
    from counted
)

select * from final
where selection <> 'all';

COMMENT ON VIEW factor_counts_live IS 'Per model, factor selection, reading and factor: images showing the factor and right ones, and the same over all scored images, counted now (CC BY-NC 4.0 annotations: non-commercial use only)';
COMMENT ON COLUMN factor_counts_live.model IS 'Model';
COMMENT ON COLUMN factor_counts_live.selection IS 'multi: every factor an image shows counts; top: only its top factor';
COMMENT ON COLUMN factor_counts_live.reading IS 'What counts as right: class (the original label), real_class (a ReaL label), metaclass (the label''s metaclass)';
COMMENT ON COLUMN factor_counts_live.factor IS 'Factor of variation (image_factors.factor)';
COMMENT ON COLUMN factor_counts_live.images IS 'Scored images showing the factor that the model predicted';
COMMENT ON COLUMN factor_counts_live.correct IS 'Of those, right under the reading';
COMMENT ON COLUMN factor_counts_live.all_images IS 'Scored images the model predicted';
COMMENT ON COLUMN factor_counts_live.all_correct IS 'Of those, right under the reading';
