-- auto_category_scores: precision and recall of each rule-based category against the paper's
-- manual one, per categorised model.
create or replace view auto_category_scores as
with

categories as (
    select * from (values ('fine-grained'), ('spurious-correlation')) as t (category)
),

final as (
    select
        auto_category_confusion.model,
        categories.category,
        sum(mistakes) filter (where manual_category = category) as manual,
        sum(mistakes) filter (where auto_category = category) as auto,
        sum(mistakes) filter (where manual_category = category and auto_category = category)
            as both,
        coalesce(sum(mistakes) filter (where manual_category = category and auto_category = category), 0)
            / sum(mistakes) filter (where auto_category = category) as precision,
        coalesce(sum(mistakes) filter (where manual_category = category and auto_category = category), 0)
            / sum(mistakes) filter (where manual_category = category) as recall
    from auto_category_confusion
    cross join categories
    group by auto_category_confusion.model, categories.category
)

select * from final;

COMMENT ON VIEW auto_category_scores IS 'Precision and recall of each automatic category against the paper''s manual one, per categorised model';
COMMENT ON COLUMN auto_category_scores.model IS 'Categorised model';
COMMENT ON COLUMN auto_category_scores.category IS 'Category the rules assign';
COMMENT ON COLUMN auto_category_scores.manual IS 'Mistakes the paper put in the category';
COMMENT ON COLUMN auto_category_scores.auto IS 'Mistakes the rules put in it';
COMMENT ON COLUMN auto_category_scores.both IS 'Mistakes both put in it';
COMMENT ON COLUMN auto_category_scores.precision IS 'both / auto';
COMMENT ON COLUMN auto_category_scores.recall IS 'both / manual (fine-grained-oov counts as a different category)';
