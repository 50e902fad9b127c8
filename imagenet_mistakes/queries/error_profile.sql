-- A model's top-1 errors by our rules and by ETH's error analysis, beside ETH's 962 models.
-- Parameters: $model: predicted_model.
-- A model's top-1 errors on the analysed images (the 18,692), by our rules and by ETH's
-- error analysis, beside the share ETH's 962 published models have in each of theirs.
-- The two categorisers differ and their rows do not map one to one. Ours: the
-- prediction is a correct or unclear multi-label (so not a mistake), else a
-- rule-based category of auto_categories (the paper's four, or unexplained).
-- ETH's: their pipeline's types (Peychev et al. 2023; definitions in their
-- src/evaluation.py), for the published model with the same weights
-- (crosswalk), if there is one. Both count the same errors: top-1 against the
-- original label, so the totals agree for the same weights. Between them,
-- ETH's first steps as worked out here: the same counts as ETH's for every
-- model with ETH's weights; and the candidates for their co-occurrence step,
-- of which ETH's superclass and CLIP steps take some first.
with

analysed as (
    select image_number
    from image_scope
    where label_set = (select label_set from label_sets where analysed)
),

errors as (
    select count(*) as top1_errors
    from image_results
    where label_set = 'original' and model = $model and not correct
        and image_number in (select image_number from analysed)
),

ours as (
    select auto_category as category, count(*) as mistakes
    from auto_categories
    where model = $model
    group by auto_category
),

ours_with_multilabel as (
    select 'ours' as categoriser, category, mistakes from ours
    union all
    select
        'ours',
        'correct or unclear multi-label',
        (select top1_errors from errors) - (select coalesce(sum(mistakes), 0) from ours)
    union all
    select 'ours', 'all top-1 errors', (select top1_errors from errors)
),

-- ETH's first, deterministic steps re-implemented here (eth_error_steps), so
-- their counts sit beside ETH's own (eth_step_agreement compares them).
eth_steps as (
    select 'ours, ETH''s steps' as categoriser, 'eth_' || error_type as category,
        count(*) as mistakes
    from eth_error_steps
    where model = $model and error_type is not null
    group by error_type
    union all
    select 'ours, ETH''s steps', 'eth_common_co_occurrence candidates', count(*)
    from eth_error_steps
    where model = $model and common_co_occurrence
),

same_weights as (
    select min(published_model) as published_model
    from crosswalk
    where model = $model and source = 'eth' and verdict = 'same weights'
),

eth_counts as (
    select model, metric, value
    from published_results
    where source = 'eth' and benchmark = 'imagenet' and starts_with(metric, 'eth_')
        and metric not like 'eth_mla%'
),

eth_shares as (
    select counts.model, counts.metric, counts.value, counts.value / totals.value as share
    from eth_counts as counts
    inner join eth_counts as totals
        on totals.model = counts.model and totals.metric = 'eth_top1_errors'
),

eth as (
    select
        'ETH' as categoriser,
        case metric when 'eth_top1_errors' then 'all top-1 errors' else metric end as category,
        max(value) filter (where model = (select published_model from same_weights)) as mistakes,
        median(share) as published_median_share
    from eth_shares
    group by metric
),

final as (
    select categoriser, category, mistakes, null::double as published_median_share
    from ours_with_multilabel
    union all
    select categoriser, category, mistakes, null
    from eth_steps
    union all
    select categoriser, category, mistakes, published_median_share
    from eth
)

select
    categoriser,
    category,
    mistakes::bigint as mistakes,
    mistakes / (select top1_errors from errors) as share,
    published_median_share
from final
order by categoriser desc, category = 'all top-1 errors', mistakes desc nulls last, category
