-- published_standing: where each of this file's models stands among each
-- source's published models, on every metric both have over the validation
-- images. rank counts the published results better, plus one: better by more
-- than half the unit of the source's last digit (published_precision), so that
-- values equal to the published rounding are ties (a model never stands below
-- its own published copy); a source lists some models at several resolutions,
-- each a result.
create or replace view published_standing as
with

local as (
    select model, metric, value
    from model_metrics
    -- Over all the validation images, as the published results are.
    where value is not null and image_set = 'all'
),

published as (
    select source, metric, value, published_precision.unit / 2 as tie
    from published_results
    inner join published_precision using (source)
    where benchmark = 'imagenet'
),

final as (
    select
        local.model,
        local.metric,
        published.source,
        local.value,
        1 + count(*) filter (
            where case metrics.direction
                when 'higher' then published.value - local.value > published.tie
                else local.value - published.value > published.tie
            end
        ) as rank,
        count(*) as compared,
        case metrics.direction
            when 'higher' then max(published.value)
            else min(published.value)
        end as best_published
    from local
    inner join metrics using (metric)
    inner join published using (metric)
    group by local.model, local.metric, published.source, local.value, metrics.direction
)

select
    *,
    -- The share of published results this model is at least as good as.
    (compared - rank + 1) / compared as at_least_as_good_as
from final;

COMMENT ON VIEW published_standing IS 'Each model''s rank among each source''s published results, per metric over the validation images';
COMMENT ON COLUMN published_standing.model IS 'Model of this file';
COMMENT ON COLUMN published_standing.metric IS 'Metric id (metrics.metric)';
COMMENT ON COLUMN published_standing.source IS 'Who published the results compared with: timm, eth, testbed, openclip';
COMMENT ON COLUMN published_standing.value IS 'The model''s value';
COMMENT ON COLUMN published_standing.rank IS '1 + the published results better by more than half the unit of their source''s last digit (published_precision)';
COMMENT ON COLUMN published_standing.compared IS 'Published results compared with';
COMMENT ON COLUMN published_standing.best_published IS 'Best published value';
COMMENT ON COLUMN published_standing.at_least_as_good_as IS 'Share of the published results the model equals (to their precision) or beats, in [0, 1]';
