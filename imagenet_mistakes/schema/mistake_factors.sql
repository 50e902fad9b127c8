-- mistake_factors: the mistakes the paper categorised (ViT-3B's and Greedy
-- Soups') on the images ImageNet-X scores, by category and by the factors of
-- variation the images show: which factors carry the fine-grained mistakes
-- and which the spurious correlations. An image shows several factors, so a
-- category's rows add up to more than its mistakes.
create or replace view mistake_factors as
with

categorised as (
    select model_mistakes.model, model_mistakes.image_number, model_mistakes.manual_category
    from model_mistakes
    inner join imagenet_x_images using (image_number)
    where model_mistakes.manual_category is not null and not imagenet_x_images.prototypical
),

category_totals as (
    select model, manual_category, count(*) as category_mistakes
    from categorised
    group by model, manual_category
),

by_factor as (
    select
        categorised.model,
        categorised.manual_category,
        image_factors.factor,
        count(*) as mistakes,
        count(*) filter (where image_factors.top) as top_factor_mistakes
    from categorised
    inner join image_factors using (image_number)
    group by categorised.model, categorised.manual_category, image_factors.factor
),

final as (
    select
        by_factor.model,
        by_factor.manual_category,
        by_factor.factor,
        by_factor.mistakes,
        by_factor.top_factor_mistakes,
        category_totals.category_mistakes,
        by_factor.mistakes / category_totals.category_mistakes as share
    from by_factor
    inner join category_totals using (model, manual_category)
)

select * from final;

COMMENT ON VIEW mistake_factors IS 'The paper''s categorised mistakes on the images ImageNet-X scores, per model, category and factor of variation (CC BY-NC 4.0 annotations: non-commercial use only)';
COMMENT ON COLUMN mistake_factors.model IS 'A model whose mistakes the paper categorised';
COMMENT ON COLUMN mistake_factors.manual_category IS 'The paper''s category';
COMMENT ON COLUMN mistake_factors.factor IS 'A factor of variation (image_factors.factor)';
COMMENT ON COLUMN mistake_factors.mistakes IS 'Mistakes of the category on images showing the factor';
COMMENT ON COLUMN mistake_factors.top_factor_mistakes IS 'Of those, on images whose top factor it is';
COMMENT ON COLUMN mistake_factors.category_mistakes IS 'Mistakes of the category on the images ImageNet-X scores';
COMMENT ON COLUMN mistake_factors.share IS 'mistakes / category_mistakes: the share of the category''s mistakes showing the factor';
