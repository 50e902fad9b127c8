-- mistake_factor_shares: for every model, which factors of variation its
-- remaining mistakes (model_mistakes, on the images ImageNet-X scores)
-- show more often than the other models' mistakes do, from the counts
-- add-model stored (mistake_factor_counts_snapshot). The others' mistakes
-- are pooled: every mistake of every other model in the file counts once.
-- over_representation above 1: the factor is commoner among this model's
-- mistakes than among the others'.
create or replace view mistake_factor_shares as
with

-- Models with predictions as add-model stored them; the paper's models
-- without loaded predictions counted now (two models: milliseconds).
by_factor as (
    select model, factor, mistakes, all_mistakes
    from mistake_factor_counts_snapshot
    union all
    select model, factor, mistakes, all_mistakes
    from mistake_factor_counts_live
    where evaluated_from = 'mistakes table'
),

model_totals as (
    select distinct model, all_mistakes as mistakes
    from by_factor
),

-- Every model's row beside the whole file's totals, so "the others" is the
-- file less the model.
counts as (
    select
        model,
        factor,
        mistakes,
        all_mistakes,
        sum(mistakes) over (partition by factor) - mistakes as others_mistakes,
        (select sum(mistakes) from model_totals) - all_mistakes as others_all_mistakes
    from by_factor
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
