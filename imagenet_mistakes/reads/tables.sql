-- Every table of the database with its row count and what it holds.
select
    table_name as "table",
    estimated_size as rows,
    comment as description
from duckdb_tables()
where database_name = current_database() and schema_name = 'main'
order by table_name
