-- The paper's categorised mistakes of a model by the ImageNet-X factors of their images.
-- Parameters: $model: categorised_model.
-- The paper's categorised mistakes of a model by the factors of variation ImageNet-X
-- found in the images: which factors carry its fine-grained mistakes and which its
-- spurious correlations (non-commercial use only).
select manual_category, factor, mistakes, top_factor_mistakes, category_mistakes, share
from mistake_factors
where model = $model
order by manual_category, share desc, factor
