-- Every comment on a table, view or column, for copying them to another database.
select 'table' as kind, table_name as object, null as column_name, comment
from duckdb_tables()
where database_name = current_database() and schema_name = 'main' and comment is not null
union all
select 'view', view_name, null, comment
from duckdb_views()
where database_name = current_database() and schema_name = 'main' and comment is not null
    and not internal
union all
select 'column', table_name, column_name, comment
from duckdb_columns()
where database_name = current_database() and schema_name = 'main' and comment is not null
order by kind, object, column_name
