-- The values each kind of named-query parameter may take, to check them before a query runs.
select distinct 'model' as kind, model as value from model_metrics
union all
select 'predicted_model', model from models
union all
select distinct 'categorised_model', model from mistakes
union all
select 'label_set', label_set from label_sets
order by kind, value
