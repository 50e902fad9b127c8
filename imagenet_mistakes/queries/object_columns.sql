-- The columns of a table or view with their types and what each holds (see `describe NAME`).
-- Parameters: $object: object.
select column_name as "column", data_type as type, comment as description
from duckdb_columns()
where database_name = current_database() and schema_name = 'main' and table_name = $object
order by column_index
