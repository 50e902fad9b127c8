-- field_leaderboard: this file's models and every published one together, one
-- row each, on the leaderboard's metrics (data/metrics.toml) over the
-- validation images; a metric a source does not publish is NULL. For a BI
-- tool to plot the whole field: source and training data say where each
-- point comes from. A template, like the leaderboard.
create or replace view field_leaderboard as
with

local as (
    select 'local' as source, model, null::integer as image_size, metric, value
    from model_metrics
    -- Over all the validation images, as the published results are.
    where value is not null and image_set = 'all'
),

published as (
    select source, model, image_size, metric, value
    from published_results
    where benchmark = 'imagenet' and metric in (select metric from metrics)
),

by_model as (
    select
        source,
        model,
        image_size,
{%- for m in metrics %}
        max(value) filter (where metric = {{ m.metric | sql_string }}) as {{ m.metric }},
{%- endfor %}
    from (select * from local union all select * from published) as local_and_published
    group by source, model, image_size
),

final as (
    select
        by_model.*,
        published_models.architecture,
        published_models.training_data,
        published_models.parameters,
        published_models.family
    from by_model
    left join published_models
        on published_models.source = by_model.source
        and published_models.model = by_model.model
        and published_models.image_size is not distinct from by_model.image_size
)

select * from final;

COMMENT ON VIEW field_leaderboard IS 'This file''s models scored on all the images (source local) and every published model, one row each, on the leaderboard''s metrics over the validation images';
COMMENT ON COLUMN field_leaderboard.source IS 'local (this file), or who published the result: timm, eth, testbed, openclip';
COMMENT ON COLUMN field_leaderboard.model IS 'Model, as its source names it';
COMMENT ON COLUMN field_leaderboard.image_size IS 'Resolution of a published evaluation, where given';
{%- for m in metrics %}
COMMENT ON COLUMN field_leaderboard.{{ m.metric }} IS {{ m.description | sql_string }};
{%- endfor %}
COMMENT ON COLUMN field_leaderboard.architecture IS 'Architecture of a published model, where given';
COMMENT ON COLUMN field_leaderboard.training_data IS 'Pretraining data of a published model, as its source words it';
COMMENT ON COLUMN field_leaderboard.parameters IS 'Parameters of a published model, where given';
COMMENT ON COLUMN field_leaderboard.family IS 'trained or zero-shot, where the source says (published_models.family)';
