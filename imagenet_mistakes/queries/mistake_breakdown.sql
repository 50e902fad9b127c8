-- The paper's categorised mistakes of a model by category and severity, with shares.
-- Parameters: $model: categorised_model.
select category, severity, mistakes, share
from mistake_breakdown
where model = $model
order by category = 'all' desc, category, severity = 'all' desc, severity
