-- auto_category_eth: the rules' categories beside ETH's automated error analysis
-- (Peychev et al. 2023) of the same weights: for each model with predictions that
-- ETH published with the same weights (crosswalk), the mistakes the rules put in each
-- category and the errors ETH's pipeline put in its nearest step. ETH count over the
-- same non-problematic annotated images, but also set apart errors the multi-label
-- set would not call mistakes (ambiguous, collapsed mappings), which the rules never see.
create or replace view auto_category_eth as
with

-- Each category and ETH's step that means the most nearly the same.
steps as (
    select * from (
        values
            ('fine-grained', 'eth_same_superclass'),
            ('fine-grained-oov', 'eth_out_of_vocabulary'),
            ('spurious-correlation', 'eth_common_co_occurrence'),
            ('non-prototypical', 'eth_non_prototypical'),
            ('unexplained', 'eth_not_classified')
    ) as t (category, eth_step)
),

same_weights as (
    select model, min(published_model) as published_model
    from crosswalk
    where source = 'eth' and verdict = 'same weights'
    group by model
),

final as (
    select
        same_weights.model,
        same_weights.published_model,
        shares.category,
        steps.eth_step,
        shares.mistakes as ours,
        published_results.value::bigint as eth,
        shares.mistakes::double / published_results.value as ratio,
        shares.position
    from same_weights
    inner join model_category_shares as shares using (model)
    inner join steps using (category)
    inner join published_results
        on published_results.source = 'eth'
        and published_results.benchmark = 'imagenet'
        and published_results.model = same_weights.published_model
        and published_results.metric = steps.eth_step
)

select * from final;

COMMENT ON VIEW auto_category_eth IS 'The rules'' category counts beside ETH''s error analysis of the same weights, per category and model';
COMMENT ON COLUMN auto_category_eth.model IS 'Model with predictions';
COMMENT ON COLUMN auto_category_eth.published_model IS 'ETH''s model with the same weights (crosswalk)';
COMMENT ON COLUMN auto_category_eth.category IS 'The rules'' category (verdict_categories)';
COMMENT ON COLUMN auto_category_eth.eth_step IS 'ETH''s nearest step (a published_results metric): same superclass, out of vocabulary, common co-occurrence, non-prototypical, not classified';
COMMENT ON COLUMN auto_category_eth.ours IS 'The model''s mistakes the rules put in the category';
COMMENT ON COLUMN auto_category_eth.eth IS 'The errors ETH''s pipeline put in its step';
COMMENT ON COLUMN auto_category_eth.ratio IS 'ours / eth';
COMMENT ON COLUMN auto_category_eth.position IS 'The category''s place in the paper''s order';
