-- Every table and view of the database with what it holds (see `describe`).
-- Parameters: none.
select table_name as name, 'table' as kind, estimated_size as rows, comment as description
from duckdb_tables()
where database_name = current_database() and schema_name = 'main'
union all
select view_name, 'view', null, comment
from duckdb_views()
where database_name = current_database() and schema_name = 'main' and not internal
order by kind, name
