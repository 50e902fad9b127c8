-- eth_step_agreement: for each of this file's models with the same weights as
-- one of ETH's (crosswalk), its top-1 errors and the error types ETH's first
-- steps decide, counted by eth_error_steps, beside ETH's published counts.
-- The counts are compared, not the images: ETH publish counts per model.
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
    select eth_error_steps.model, eth_error_steps.error_type
    from pairs
    inner join eth_error_steps using (model)
),

ours as (
    select model, 'eth_top1_errors' as metric, count(*) as mistakes
    from steps
    group by model
    union all
    select model, 'eth_' || error_type, count(*)
    from steps
    where error_type is not null
    group by model, error_type
),

final as (
    select
        pairs.model,
        pairs.published_model,
        ours.metric,
        ours.mistakes as ours,
        published_results.value::bigint as eth,
        ours.mistakes = published_results.value as agree
    from pairs
    inner join ours using (model)
    inner join published_results
        on published_results.source = 'eth'
        and published_results.model = pairs.published_model
        and published_results.benchmark = 'imagenet'
        and published_results.metric = ours.metric
)

select * from final;

COMMENT ON VIEW eth_step_agreement IS 'For models with ETH''s weights: top-1 errors, collapsed mappings and ambiguous errors by our re-implementation of ETH''s first steps, beside ETH''s counts';
COMMENT ON COLUMN eth_step_agreement.model IS 'A model of this file';
COMMENT ON COLUMN eth_step_agreement.published_model IS 'ETH''s model with the same weights (crosswalk)';
COMMENT ON COLUMN eth_step_agreement.metric IS 'eth_top1_errors, eth_collapsed_mappings or eth_ambiguous';
COMMENT ON COLUMN eth_step_agreement.ours IS 'Counted here (eth_error_steps)';
COMMENT ON COLUMN eth_step_agreement.eth IS 'ETH''s published count';
COMMENT ON COLUMN eth_step_agreement.agree IS 'The two counts are equal';
