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

model_totals as (
    select model, evaluated_from, count(*) as all_mistakes
    from mistakes
    group by model, evaluated_from
),

by_factor as (
    select mistakes.model, mistakes.evaluated_from, image_factors.factor, count(*) as mistakes
    from mistakes
    inner join image_factors using (image_number)
    group by mistakes.model, mistakes.evaluated_from, image_factors.factor
),

-- Every factor for every model with a mistake there, 0 where none shows it,
-- so that every mistake counts in the model's total (two scored images show
-- no factor).
factors as (
    select distinct factor
    from image_factors
),

final as (
    select
        model_totals.model,
        factors.factor,
        coalesce(by_factor.mistakes, 0) as mistakes,
        model_totals.all_mistakes,
        model_totals.evaluated_from
    from model_totals
    cross join factors
    -- evaluated_from joins too, so a filter on it reaches both sides.
    left join by_factor using (model, evaluated_from, factor)
)

select * from final;

COMMENT ON VIEW mistake_factor_counts_live IS 'Per model and factor of variation: its mistakes on scored images showing the factor, and on all scored images, counted now (CC BY-NC 4.0 annotations: non-commercial use only)';
COMMENT ON COLUMN mistake_factor_counts_live.model IS 'Model';
COMMENT ON COLUMN mistake_factor_counts_live.factor IS 'A factor of variation (image_factors.factor)';
COMMENT ON COLUMN mistake_factor_counts_live.mistakes IS 'The model''s mistakes (model_mistakes) on scored images showing the factor; 0 where none does';
COMMENT ON COLUMN mistake_factor_counts_live.all_mistakes IS 'The model''s mistakes on scored images';
COMMENT ON COLUMN mistake_factor_counts_live.evaluated_from IS 'predictions, or the mistakes table for paper models whose predictions are not loaded';
