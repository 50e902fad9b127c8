-- mistake_factor_counts_live: per model, its remaining mistakes
-- (model_mistakes) on the images ImageNet-X scores, in all and on the images
-- showing each factor of variation (0 where none does), counted now.
-- add-model stores the rows of a model with predictions
-- (mistake_factor_counts_snapshot); mistake_factor_shares reads them, and
-- these for the paper's models whose predictions are not loaded. Filter on
-- model.
create or replace view mistake_factor_counts_live as
with

mistakes as (
    select model_mistakes.model, model_mistakes.evaluated_from, model_mistakes.image_number
    from model_mistakes
    inner join imagenet_x_images using (image_number)
    where not imagenet_x_images.prototypical
),

-- Every factor beside every mistake, so the mistakes are read once: a factor no
-- mistake of a model shows counts 0, and each mistake counts in its model's total
-- (two scored images show no factor). Read twice, once for the totals and once
-- per factor, a filter on model reached only one of the reads (1.9 s to store 8
-- models among 1,200; 0.05 s read once).
factors as (
    select distinct factor
    from image_factors
),

final as (
    select
        mistakes.model,
        factors.factor,
        count(image_factors.factor) as mistakes,
        count(*) as all_mistakes,
        mistakes.evaluated_from
    from mistakes
    cross join factors
    left join image_factors
        on image_factors.image_number = mistakes.image_number
        and image_factors.factor = factors.factor
    group by mistakes.model, mistakes.evaluated_from, factors.factor
)

select * from final;

COMMENT ON VIEW mistake_factor_counts_live IS 'Per model and factor of variation: its mistakes on scored images showing the factor, and on all scored images, counted now (CC BY-NC 4.0 annotations: non-commercial use only)';
COMMENT ON COLUMN mistake_factor_counts_live.model IS 'Model';
COMMENT ON COLUMN mistake_factor_counts_live.factor IS 'A factor of variation (image_factors.factor)';
COMMENT ON COLUMN mistake_factor_counts_live.mistakes IS 'The model''s mistakes (model_mistakes) on scored images showing the factor; 0 where none does';
COMMENT ON COLUMN mistake_factor_counts_live.all_mistakes IS 'The model''s mistakes on scored images';
COMMENT ON COLUMN mistake_factor_counts_live.evaluated_from IS 'predictions, or the mistakes table for paper models whose predictions are not loaded';
