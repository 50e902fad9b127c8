-- eth_step_agreement: for each of this file's models with the same weights as
-- one of ETH's (crosswalk), its top-1 errors and the error types ETH's first
-- steps decide, counted by eth_error_steps, beside ETH's published counts.
-- The counts are compared, not the images: ETH publish counts per model.
-- Top-1 errors, collapsed mappings and ambiguous errors must be equal. Of
-- common co-occurrences, ours is the errors ETH's step could take: ETH's
-- count must be at most ours, and ours at most ETH's same-superclass,
-- out-of-vocabulary and co-occurrence errors together, since each error
-- counted here has a multi-label that is in the prediction's superclass (then
-- ETH's superclass step takes it), or not (then their pair stands, and CLIP
-- or their co-occurrence step takes it). eth_error_steps says more.
create or replace view eth_step_agreement as
with

pairs as (
    select model, published_model
    from crosswalk
    where source = 'eth' and verdict = 'same weights'
),

-- Joined to the pairs rather than filtered by them, so that the few models
-- with ETH's weights drive the scan (DuckDB prunes the others' rows).
steps as (
    select eth_error_steps.model, eth_error_steps.error_type, eth_error_steps.common_co_occurrence
    from pairs
    inner join eth_error_steps using (model)
),

ours as (
    select model, 'eth_top1_errors' as metric, 'equal' as relation, count(*) as mistakes
    from steps
    group by model
    union all
    select model, 'eth_' || error_type, 'equal', count(*)
    from steps
    where error_type is not null
    group by model, error_type
    union all
    select model, 'eth_common_co_occurrence', 'within', count(*)
    from steps
    where common_co_occurrence
    group by model
),

-- The errors of ETH's steps from their superclass step to their
-- co-occurrence step: those counted here as common co-occurrences are among them.
eth_upper as (
    select model as published_model, 'eth_common_co_occurrence' as metric, sum(value) as value
    from published_results
    where source = 'eth' and benchmark = 'imagenet'
        and metric in ('eth_same_superclass', 'eth_out_of_vocabulary', 'eth_common_co_occurrence')
    group by model
),

final as (
    select
        pairs.model,
        pairs.published_model,
        ours.metric,
        ours.mistakes as ours,
        published_results.value::bigint as eth,
        eth_upper.value::bigint as eth_upper,
        ours.relation,
        case ours.relation
            when 'equal' then published_results.value = ours.mistakes
            when 'within' then ours.mistakes between published_results.value and eth_upper.value
        end as agree
    from pairs
    inner join ours using (model)
    inner join published_results
        on published_results.source = 'eth'
        and published_results.model = pairs.published_model
        and published_results.benchmark = 'imagenet'
        and published_results.metric = ours.metric
    left join eth_upper
        on eth_upper.published_model = pairs.published_model
        and eth_upper.metric = ours.metric
)

select * from final;

COMMENT ON VIEW eth_step_agreement IS 'For models with ETH''s weights: top-1 errors, collapsed mappings and ambiguous errors by our re-implementation of ETH''s first steps, and the errors their co-occurrence step could take, beside ETH''s counts';
COMMENT ON COLUMN eth_step_agreement.model IS 'A model of this file';
COMMENT ON COLUMN eth_step_agreement.published_model IS 'ETH''s model with the same weights (crosswalk)';
COMMENT ON COLUMN eth_step_agreement.metric IS 'eth_top1_errors, eth_collapsed_mappings, eth_ambiguous or eth_common_co_occurrence';
COMMENT ON COLUMN eth_step_agreement.ours IS 'Counted here (eth_error_steps)';
COMMENT ON COLUMN eth_step_agreement.eth IS 'ETH''s published count';
COMMENT ON COLUMN eth_step_agreement.eth_upper IS 'Co-occurrence only: ETH''s same-superclass, out-of-vocabulary and co-occurrence errors together; NULL for the other metrics';
COMMENT ON COLUMN eth_step_agreement.relation IS 'equal: ours must equal eth; within: eth <= ours <= eth_upper (co-occurrence, as ETH''s superclasses are not public)';
COMMENT ON COLUMN eth_step_agreement.agree IS 'Ours stands in that relation to ETH''s counts';
