-- mistake_breakdown: the paper's categorised mistakes of each model by category, by severity,
-- and category x severity, as counts and as shares of the model's mistakes.
-- 'all' marks the level summed over (category 'all': every category).
create or replace view mistake_breakdown as
with

counts as (
    select
        model,
        coalesce(category, 'all') as category,
        coalesce(severity, 'all') as severity,
        count(*) as mistakes
    from mistakes
    group by grouping sets ((model, category, severity), (model, category), (model, severity), (model))
),

final as (
    select
        counts.model,
        counts.category,
        counts.severity,
        counts.mistakes,
        counts.mistakes::double / totals.mistakes as share
    from counts
    inner join counts as totals
        on totals.model = counts.model and totals.category = 'all' and totals.severity = 'all'
)

select * from final;

COMMENT ON VIEW mistake_breakdown IS 'The paper''s categorised mistakes of each model by category and severity, with shares of all its mistakes';
COMMENT ON COLUMN mistake_breakdown.model IS 'Categorised model (vit3b, greedy_soups)';
COMMENT ON COLUMN mistake_breakdown.category IS 'Category, or all';
COMMENT ON COLUMN mistake_breakdown.severity IS 'Severity (major, minor), or all';
COMMENT ON COLUMN mistake_breakdown.mistakes IS 'Number of mistakes';
COMMENT ON COLUMN mistake_breakdown.share IS 'Fraction of the model''s mistakes';
