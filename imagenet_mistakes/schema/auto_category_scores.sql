-- auto_category_scores: precision, recall and F1 of each category the rules give,
-- against the paper's own verdicts, per model the paper categorised.
create or replace view auto_category_scores as
with

categories as (
    select category from verdict_categories where paper
),

counted as (
    select
        auto_category_confusion.model,
        categories.category,
        coalesce(sum(mistakes) filter (where manual_category = category), 0)::bigint as manual,
        coalesce(sum(mistakes) filter (where auto_category = category), 0)::bigint as auto,
        coalesce(sum(mistakes) filter (where manual_category = category and auto_category = category), 0)::bigint
            as both
    from auto_category_confusion
    cross join categories
    group by auto_category_confusion.model, categories.category
),

final as (
    select
        model,
        category,
        manual,
        auto,
        "both",
        "both"::double / nullif(auto, 0) as precision,
        "both"::double / nullif(manual, 0) as recall,
        2 * "both"::double / nullif(manual + auto, 0) as f1
    from counted
)

select * from final;

COMMENT ON VIEW auto_category_scores IS 'Precision, recall and F1 of each category the rules give against the paper''s own verdicts, per categorised model';
COMMENT ON COLUMN auto_category_scores.model IS 'Categorised model';
COMMENT ON COLUMN auto_category_scores.category IS 'One of the paper''s four categories';
COMMENT ON COLUMN auto_category_scores.manual IS 'Mistakes the paper put in the category';
COMMENT ON COLUMN auto_category_scores.auto IS 'Mistakes the rules put in it';
COMMENT ON COLUMN auto_category_scores.both IS 'Mistakes both put in it';
COMMENT ON COLUMN auto_category_scores.precision IS 'both / auto (NULL: the rules put none in it)';
COMMENT ON COLUMN auto_category_scores.recall IS 'both / manual';
COMMENT ON COLUMN auto_category_scores.f1 IS 'The harmonic mean of precision and recall: 2 both / (manual + auto)';
