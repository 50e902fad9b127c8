-- crosswalk: which of this file's models are the same weights as which published
-- model, decided from the numbers: every metric both have over the validation
-- images agrees to the published rounding, on two metrics or on one and the
-- architecture's name. A name is never enough: a pair with the same name whose
-- numbers differ is listed too, as different weights (ETH's torchvision
-- resnet50 is the V2 checkpoint, the zoo's the V1).
-- A name's architecture is what it says as the sources write names: ETH's
-- source--architecture[.tag], timm's and timm2022's architecture.tag, the
-- testbed's and most users' plain architecture.
create or replace view crosswalk as
with

local as (
    select model, metric, value
    from model_metrics
    where evaluated_from = 'predictions' and value is not null
),

published as (
    select source, model, image_size, metric, value
    from published_results
    where benchmark = 'imagenet'
),

architectures as (
    select 'local' as side, model, split_part(model, '.', 1) as architecture
    from (select distinct model from local) as local_models
    union all
    select distinct 'published', model, split_part(regexp_replace(model, '^.*--', ''), '.', 1)
    from published
),

-- The wider of the two agreements the verdict draws the line at: within a tenth
-- of a percentage point. The narrower is the source's published rounding.
thresholds as (
    select 0.001 as nearly
),

-- The pairs worth comparing, found without pairing every model with all
-- 2,853 published results (14 s with 1,000 models): those whose top-1 are
-- within the wider threshold (a band join; the verdict below draws the
-- line), and those of the same architecture.
candidates as (
    select local.model, published.source, published.model as published_model,
        published.image_size
    from local
    inner join published
        on published.metric = local.metric
        and published.value
            between local.value - (select nearly from thresholds)
            and local.value + (select nearly from thresholds)
    where local.metric = 'top1'
    union
    select ours.model, published.source, published.model, published.image_size
    from architectures as ours
    inner join architectures as theirs
        on ours.side = 'local' and theirs.side = 'published'
        and theirs.architecture = ours.architecture
    inner join (select distinct source, model, image_size from published) as published
        on published.model = theirs.model
),

compared as (
    select
        candidates.model,
        candidates.source,
        candidates.published_model,
        candidates.image_size,
        string_agg(local.metric, ', ' order by local.metric) as metrics,
        count(*) as compared_metrics,
        max(abs(local.value - published.value)) as largest_difference,
        max(published_precision.unit) / 2 as same
    from candidates
    inner join published_precision using (source)
    inner join local using (model)
    inner join published
        on published.source = candidates.source
        and published.model = candidates.published_model
        and published.image_size is not distinct from candidates.image_size
        and published.metric = local.metric
    group by candidates.model, candidates.source, candidates.published_model,
        candidates.image_size
),

final as (
    select
        compared.model,
        compared.source,
        compared.published_model,
        compared.image_size,
        compared.metrics,
        -- Agreeing within half a unit of the source's last published digit
        -- (published_precision) is agreeing. One number agreeing is chance
        -- among thousands of results (OpenCLIP's 4 decimals leave 5 of 50,000
        -- images unsaid: two zoo models share a CLIP model's top-1), so it
        -- takes two metrics, or one and the architecture's name. Within a tenth
        -- of a percentage point (alexnet: 2 images of 50,000) the weights are
        -- likely the same, evaluated by another pipeline (decoding, resizing);
        -- beyond, they are other weights.
        case
            when largest_difference <= compared.same
                and (compared_metrics >= 2 or ours.architecture = theirs.architecture)
                then 'same weights'
            when largest_difference <= (select nearly from thresholds)
                then 'same name, nearly the same numbers'
            else 'same name, different weights'
        end as verdict,
        compared.largest_difference,
        ours.architecture = theirs.architecture as same_name
    from compared
    inner join architectures as ours
        on ours.side = 'local' and ours.model = compared.model
    inner join architectures as theirs
        on theirs.side = 'published' and theirs.model = compared.published_model
)

select * from final
where verdict = 'same weights' or same_name;

COMMENT ON VIEW crosswalk IS 'Models of this file that are, or are named like, a published model: same weights when every shared metric agrees to the published rounding';
COMMENT ON COLUMN crosswalk.model IS 'Model of this file';
COMMENT ON COLUMN crosswalk.source IS 'Who published the other: timm, eth, testbed, openclip';
COMMENT ON COLUMN crosswalk.published_model IS 'The published model, as its source names it';
COMMENT ON COLUMN crosswalk.image_size IS 'Resolution of the published evaluation, where given';
COMMENT ON COLUMN crosswalk.metrics IS 'The metrics compared: every one both have over the validation images';
COMMENT ON COLUMN crosswalk.verdict IS 'same weights (every compared metric agrees within half the unit of the source''s last digit, published_precision: 0.000005 for timm, eth and testbed; two metrics, or one and the same architecture name); same name, nearly the same numbers (within 0.001: likely the same weights, another evaluation pipeline); or same name, different weights';
COMMENT ON COLUMN crosswalk.largest_difference IS 'The largest difference between our value and the published one over the compared metrics';
COMMENT ON COLUMN crosswalk.same_name IS 'The published name is of this model''s architecture (ETH: source--architecture.tag; timm, timm2022: architecture.tag)';
