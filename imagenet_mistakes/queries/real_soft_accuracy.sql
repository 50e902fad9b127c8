-- A model's ReaL accuracy beside soft ReaL accuracy, weighted by the raters' certainty.
-- Parameters: $model: predicted_model.
-- A model's ReaL accuracy beside soft ReaL accuracy (the mean ReaL score of its top-1:
-- each prediction counts by how sure ReaL's raters are of it, not as 0 or 1), with how
-- its ReaL-correct predictions fared with the raters.
with

doubted as (
    select
        count(*) filter (where correct and rated) as rated_hits,
        count(*) filter (where correct and votes_yes < votes_yes + votes_maybe + votes_no)
            as hits_not_all_yes
    from real_soft_results
    where model = $model
)

select
    real_soft_accuracy.images,
    real_soft_accuracy.real_accuracy,
    real_soft_accuracy.soft_real_accuracy,
    real_soft_accuracy.rated_images,
    doubted.rated_hits,
    doubted.hits_not_all_yes
from real_soft_accuracy
cross join doubted
where real_soft_accuracy.model = $model
