-- The columns of a table or view ($table), in order, with their types.
select column_name, data_type
from duckdb_columns()
where database_name = current_database() and schema_name = 'main' and table_name = $table
order by column_index
