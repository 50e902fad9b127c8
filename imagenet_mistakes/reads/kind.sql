-- Which of the tables every imagenet-mistakes database has are in this file.
select count(*) filter (where table_name in ('sources', 'models', 'predictions')) as ours,
    count(*) filter (where table_name = 'build_info') as versioned
from duckdb_tables()
where database_name = current_database() and schema_name = 'main'
