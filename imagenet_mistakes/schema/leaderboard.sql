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
{%- for m in metrics if m.ranked %}
    -- Its rank, and the ranks its interval allows, among the models on the same images.
    max(ranks.rank) filter (where metric = {{ m.metric | sql_string }}) as {{ m.metric }}_rank,
    max(ranks.best_rank) filter (where metric = {{ m.metric | sql_string }}) as {{ m.metric }}_best_rank,
    max(ranks.worst_rank) filter (where metric = {{ m.metric | sql_string }}) as {{ m.metric }}_worst_rank,
    max(ranks.tied_with) filter (where metric = {{ m.metric | sql_string }}) as {{ m.metric }}_tied_with,
{%- endfor %}
    min(evaluated_from) as evaluated_from,
    -- all, or the subset of the validation images its predictions cover (an --order
    -- naming some): its metrics count those alone, and it is ranked among models on them.
    min(model_metrics.image_set) as image_set,
{%- for category in gives.category + (defaults.category,) %}
    -- The share of its mistakes the rules put in each category (model_category_shares).
    max(shares.share) filter (where shares.category = {{ category | sql_string }})
        as {{ category | replace("-", "_") }}_share{{ "," if not loop.last }}
{%- endfor %}
from model_metrics
left join metric_ranks as ranks using (model, metric)
left join model_category_shares as shares using (model)
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
{%- for m in metrics if m.ranked %}
COMMENT ON COLUMN leaderboard.{{ m.metric }}_rank IS {{ ('Rank on ' ~ m.metric ~ ' among the models on the same images (metric_ranks.rank)') | sql_string }};
COMMENT ON COLUMN leaderboard.{{ m.metric }}_best_rank IS {{ ('Best rank on ' ~ m.metric ~ ' its confidence interval allows (metric_ranks.best_rank)') | sql_string }};
COMMENT ON COLUMN leaderboard.{{ m.metric }}_worst_rank IS {{ ('Worst rank on ' ~ m.metric ~ ' its confidence interval allows (metric_ranks.worst_rank)') | sql_string }};
COMMENT ON COLUMN leaderboard.{{ m.metric }}_tied_with IS {{ ('Models statistically tied with it on ' ~ m.metric ~ ' (metric_ranks.tied_with)') | sql_string }};
{%- endfor %}
COMMENT ON COLUMN leaderboard.image_set IS 'The images it is scored on (models.image_set): all, or subset-<digest> when its predictions cover only some validation images; its metrics count those alone and it is ranked only among models on the same images';
{%- for category in gives.category + (defaults.category,) %}
COMMENT ON COLUMN leaderboard.{{ category | replace("-", "_") }}_share IS {{ ('Share of its mistakes on the multi-label set the rules call ' ~ category ~ ' (model_category_shares)') | sql_string }};
{%- endfor %}
