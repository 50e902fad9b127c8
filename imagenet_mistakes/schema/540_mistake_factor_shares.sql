-- mistake_factor_shares: for every model, which factors of variation its
-- remaining mistakes (model_mistakes, on the images ImageNet-X scores)
-- show more often than the other models' mistakes do. The others' mistakes
-- are pooled: every mistake of every other model in the file counts once.
-- over_representation above 1: the factor is commoner among this model's
-- mistakes than among the others'.
create or replace view mistake_factor_shares as
with

mistakes as (
    select model_mistakes.model, model_mistakes.image_number
    from model_mistakes
    inner join imagenet_x_images using (image_number)
    where not imagenet_x_images.prototypical
),

model_totals as (
    select model, count(*) as mistakes
    from mistakes
    group by model
),

by_factor as (
    select mistakes.model, image_factors.factor, count(*) as mistakes
    from mistakes
    inner join image_factors using (image_number)
    group by mistakes.model, image_factors.factor
),

-- Every model's row beside the whole file's totals, so "the others" is the
-- file less the model.
counts as (
    select
        by_factor.model,
        by_factor.factor,
        by_factor.mistakes,
        model_totals.mistakes as all_mistakes,
        sum(by_factor.mistakes) over (partition by by_factor.factor) - by_factor.mistakes
            as others_mistakes,
        (select sum(mistakes) from model_totals) - model_totals.mistakes as others_all_mistakes
    from by_factor
    inner join model_totals using (model)
),

final as (
    select
        model,
        factor,
        mistakes,
        all_mistakes,
        mistakes / all_mistakes as share,
        others_mistakes,
        others_all_mistakes,
        others_mistakes / nullif(others_all_mistakes, 0) as others_share,
        (mistakes / all_mistakes) / nullif(others_mistakes / nullif(others_all_mistakes, 0), 0)
            as over_representation
    from counts
)

select * from final;

COMMENT ON VIEW mistake_factor_shares IS 'Per model and factor of variation: the share of its remaining mistakes on the images ImageNet-X scores that show the factor, against the other models'' (CC BY-NC 4.0 annotations: non-commercial use only)';
COMMENT ON COLUMN mistake_factor_shares.model IS 'Model';
COMMENT ON COLUMN mistake_factor_shares.factor IS 'A factor of variation (image_factors.factor)';
COMMENT ON COLUMN mistake_factor_shares.mistakes IS 'The model''s mistakes (model_mistakes) on scored images showing the factor';
COMMENT ON COLUMN mistake_factor_shares.all_mistakes IS 'The model''s mistakes on scored images';
COMMENT ON COLUMN mistake_factor_shares.share IS 'mistakes / all_mistakes';
COMMENT ON COLUMN mistake_factor_shares.others_mistakes IS 'The other models'' mistakes on scored images showing the factor, pooled';
COMMENT ON COLUMN mistake_factor_shares.others_all_mistakes IS 'The other models'' mistakes on scored images, pooled';
COMMENT ON COLUMN mistake_factor_shares.others_share IS 'others_mistakes / others_all_mistakes; NULL when the file has no other model''s mistakes';
COMMENT ON COLUMN mistake_factor_shares.over_representation IS 'share / others_share: above 1, the factor is commoner among this model''s mistakes';
