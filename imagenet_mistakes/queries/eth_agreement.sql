-- ETH's deterministic error steps re-implemented here, against ETH's published counts.
-- Parameters: none.
-- For each model with the same weights as one of ETH's 962: its top-1 errors, collapsed
-- mappings and ambiguous errors by ETH's deterministic steps re-implemented here,
-- against ETH's published counts; and the errors ETH's co-occurrence step could take,
-- which must lie between ETH's co-occurrence count and eth_upper.
select model, published_model, metric, ours, eth, eth_upper, relation, agree
from eth_step_agreement
order by model, metric
