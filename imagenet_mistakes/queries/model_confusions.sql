-- A model's most frequent (label, prediction) pairs, and whether the paper lists them.
-- Parameters: $model: model, $limit: rows = 20.
-- A model's most frequent (original label, prediction) pairs among its mistakes, and
-- whether the paper lists them.
select original_class, original_name, predicted_class, predicted_name, mistakes, in_paper
from model_confusions
where model = $model
order by mistakes desc, original_class, predicted_class
limit $limit::integer
