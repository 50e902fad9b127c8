-- model_category_shares: each model's mistakes on the multi-label set by the category the
-- rules give (auto_categories), as counts and shares: the paper's answer to "what kind
-- of mistakes are left", for every model. Every category is listed, with 0 where the
-- model has none of it.
create or replace view model_category_shares as
with

counted as (
    select model, auto_category as category, count(*) as mistakes,
        count(*) filter (where auto_severity = 'major') as major
    from auto_categories
    group by model, auto_category
),

models as (
    select model, sum(mistakes)::bigint as all_mistakes
    from counted
    group by model
),

final as (
    select
        models.model,
        categories.category,
        coalesce(counted.mistakes, 0) as mistakes,
        coalesce(counted.mistakes, 0)::double / models.all_mistakes as share,
        coalesce(counted.major, 0) as major,
        categories.position
    from models
    cross join verdict_categories as categories
    left join counted
        on counted.model = models.model and counted.category = categories.category
)

select * from final;

COMMENT ON VIEW model_category_shares IS 'Each model''s mistakes by the rules'' category (auto_categories): count, share and how many are major';
COMMENT ON COLUMN model_category_shares.model IS 'Model';
COMMENT ON COLUMN model_category_shares.category IS 'One of the paper''s four categories, or unexplained';
COMMENT ON COLUMN model_category_shares.mistakes IS 'Its mistakes in the category';
COMMENT ON COLUMN model_category_shares.share IS 'mistakes / all its mistakes on the multi-label set';
COMMENT ON COLUMN model_category_shares.major IS 'Those the rules judge major';
COMMENT ON COLUMN model_category_shares.position IS 'The category''s place in the paper''s order (unexplained last)';
