-- The values each kind of named-query parameter may take, to check them before a query runs.
-- (The leaderboard's models are those with predictions and the paper's, which
-- the mistakes table lists: reading model_metrics would derive the paper's
-- figures just to list their names.)
select 'model' as kind, model as value from models
union
select 'model', model from mistakes
union all
select 'predicted_model', model from models
union all
select distinct 'zoo', zoo from models where zoo is not null
union all
select distinct 'categorised_model', model from mistakes
union all
select 'category', category from verdict_categories
union all
select 'label_set', label_set from label_sets
union all
select 'object', table_name
from duckdb_tables()
where database_name = current_database() and schema_name = 'main'
union all
select 'object', view_name
from duckdb_views()
where database_name = current_database() and schema_name = 'main' and not internal
order by kind, value
