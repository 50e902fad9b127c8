-- The primary key and unique constraints of a table ($table), each as its
-- constraint type and column names, to give its published copy the same.
select constraint_type, constraint_column_names
from duckdb_constraints()
where database_name = current_database() and schema_name = 'main' and table_name = $table
    and constraint_type in ('PRIMARY KEY', 'UNIQUE')
order by constraint_index
