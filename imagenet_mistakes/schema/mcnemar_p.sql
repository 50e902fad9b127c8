-- mcnemar_p(only_a, only_b): McNemar's exact test of two models on the same images,
-- from its discordant counts (images only model a gets right, and only b). Under
-- "equally good", each discordant image is a's or b's with probability 1/2, so the
-- two-sided p is twice the binomial tail of the smaller count, at most 1. Exact at
-- every count, so ImageNet-M's 68 images need no large-sample approximation;
-- lgamma keeps each term's binomial coefficient finite for thousands of images.
-- A DuckDB macro for the named queries `compare` and `mistake_overlap`.
create or replace macro mcnemar_p(only_a, only_b) as (
    select least(1, 2 * sum(exp(
        lgamma(only_a + only_b + 1) - lgamma(k + 1) - lgamma(only_a + only_b - k + 1)
        - (only_a + only_b) * ln(2)
    )))
    from range(0, least(only_a, only_b) + 1) as tail (k)
);
