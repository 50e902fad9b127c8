-- auto_category_confusion: the rules of auto_categories against the paper's manual categories,
-- as a confusion matrix per categorised model.
create or replace view auto_category_confusion as
select model, manual_category, auto_category, count(*) as mistakes
from auto_categories
where manual_category is not null
group by model, manual_category, auto_category;

COMMENT ON VIEW auto_category_confusion IS 'Confusion matrix of automatic (rows of auto_categories) against manual categories, per categorised model';
COMMENT ON COLUMN auto_category_confusion.model IS 'Categorised model';
COMMENT ON COLUMN auto_category_confusion.manual_category IS 'The paper''s category';
COMMENT ON COLUMN auto_category_confusion.auto_category IS 'The rules'' category';
COMMENT ON COLUMN auto_category_confusion.mistakes IS 'Mistakes with both';
