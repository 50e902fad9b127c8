-- stored_rows: how many rows each model has in each aggregate stored with it
-- (data/stored.toml): query integrity finds there what is stored of a model
-- that is gone.
create or replace view stored_rows as
{% for aggregate in stored -%}
{% if not loop.first %}union all
{% endif -%}
select model, {{ aggregate.table | sql_string }} as stored_in, count(*) as rows
from {{ aggregate.table }}
group by model
{% endfor %};

COMMENT ON VIEW stored_rows IS 'How many rows each model has in each aggregate stored with it when it was added';
COMMENT ON COLUMN stored_rows.model IS 'Model';
COMMENT ON COLUMN stored_rows.stored_in IS 'The table storing the aggregate (a *_snapshot table)';
COMMENT ON COLUMN stored_rows.rows IS 'Its rows of that table';
