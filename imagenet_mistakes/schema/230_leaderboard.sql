-- leaderboard: one row per model, each metric of model_metrics as a column.
-- The columns are rendered from data/metrics.toml (this file is a Jinja
-- template, like a dbt model): a metric added there appears here untouched.
create or replace view leaderboard as
select
    model,
{%- for m in metrics %}
{%- if m.aggregate == 'count' %}
    -- A count, then what it counts of: "12 of 68".
    max(hits) filter (where metric = {{ m.metric | sql_string }}) as {{ m.metric }},
    {%- if m.images_column %}
    max(model_metrics.images) filter (where metric = {{ m.metric | sql_string }}) as {{ m.images_column }},
    {%- endif %}
{%- else %}
    max(value) filter (where metric = {{ m.metric | sql_string }}) as {{ m.metric }},
{%- endif %}
    -- Its confidence interval (model_metrics), in the metric's unit.
    max(lower) filter (where metric = {{ m.metric | sql_string }}) as {{ m.metric }}_lower,
    max(upper) filter (where metric = {{ m.metric | sql_string }}) as {{ m.metric }}_upper,
{%- endfor %}
{%- for m in metrics if m.images_column and m.aggregate != 'count' %}
    max(model_metrics.images) filter (where metric = {{ m.metric | sql_string }}) as {{ m.images_column }},
{%- endfor %}
{%- for m in metrics if m.classes_column %}
    max(classes) filter (where metric = {{ m.metric | sql_string }}) as {{ m.classes_column }},
{%- endfor %}
    min(evaluated_from) as evaluated_from,
    -- Predictions for fewer than all validation images (an --order naming a subset).
    max(models.images) < (select count(*) from images) as subset
from model_metrics
left join models using (model)
group by model;

COMMENT ON VIEW leaderboard IS 'Every model''s metrics (fractions in [0, 1]) with their confidence intervals and the number of images each counts';
COMMENT ON COLUMN leaderboard.model IS 'Model';
{%- for m in metrics %}
COMMENT ON COLUMN leaderboard.{{ m.metric }} IS {{ m.description | sql_string }};
COMMENT ON COLUMN leaderboard.{{ m.metric }}_lower IS {{ ('Lower bound of the confidence interval of ' ~ m.metric ~ ' (model_metrics.lower)') | sql_string }};
COMMENT ON COLUMN leaderboard.{{ m.metric }}_upper IS {{ ('Upper bound of the confidence interval of ' ~ m.metric ~ ' (model_metrics.upper)') | sql_string }};
{%- endfor %}
{%- for m in metrics if m.images_column %}
COMMENT ON COLUMN leaderboard.{{ m.images_column }} IS {{ ('Images ' ~ m.metric ~ ' counts') | sql_string }};
{%- endfor %}
{%- for m in metrics if m.classes_column %}
COMMENT ON COLUMN leaderboard.{{ m.classes_column }} IS {{ ('Classes ' ~ m.metric ~ ' averages over') | sql_string }};
{%- endfor %}
COMMENT ON COLUMN leaderboard.evaluated_from IS 'predictions, or the mistakes table for paper models whose predictions are not loaded';
COMMENT ON COLUMN leaderboard.subset IS 'The model has predictions for only some validation images (see images): its metrics count those alone; NULL without predictions';
