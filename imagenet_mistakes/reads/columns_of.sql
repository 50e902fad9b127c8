-- The columns of each of the tables and views named ($names), in order.
select table_name, list(column_name order by column_index)
from duckdb_columns()
where database_name = current_database() and schema_name = 'main'
    and table_name in (select unnest($names::varchar[]))
group by table_name
order by table_name
