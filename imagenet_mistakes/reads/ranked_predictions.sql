-- Whether the attached database $database stores predictions one row per
-- rank (package 0.2 and earlier) rather than one row per image.
select count(*) as ranked
from duckdb_columns()
where database_name = $database and table_name = 'predictions' and column_name = 'rank'
