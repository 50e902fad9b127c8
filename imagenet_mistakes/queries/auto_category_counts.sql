-- A model's mistakes on the multi-label set by rule-based category (see the auto_categories view).
-- Parameters: $model: model.
select auto_category, count(*) as mistakes, count(*) / sum(count(*)) over () as share
from auto_categories
where model = $model
group by auto_category
order by mistakes desc, auto_category
