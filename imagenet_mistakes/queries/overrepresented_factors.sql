-- The ImageNet-X factors a model's mistakes show more often than the other models' do.
-- Parameters: $model: model.
-- The factors of variation a model's remaining mistakes show more often than the other
-- models' mistakes in the file do, most over-represented first (ImageNet-X's
-- annotations: non-commercial use only).
select factor, mistakes, all_mistakes, share, others_share, over_representation
from mistake_factor_shares
where model = $model
order by over_representation desc nulls last, factor
