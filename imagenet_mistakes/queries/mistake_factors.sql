-- The paper's categorised mistakes of a model by the factors of variation ImageNet-X found in the images: which factors carry its fine-grained mistakes and which its spurious correlations (non-commercial use only).
-- Parameters: $model: categorised_model.
select manual_category, factor, mistakes, top_factor_mistakes, category_mistakes, share
from mistake_factors
where model = $model
order by manual_category, share desc, factor
