-- A model's error ratio per ImageNet-X factor beside the file's lowest, median and highest.
-- Parameters: $model: predicted_model.
-- A model's error ratio per ImageNet-X factor of variation (top factor, original labels:
-- ImageNet-X's headline reading) beside the lowest, median and highest of the file's
-- models with predictions (ImageNet-X's annotations: non-commercial use only).
with

spread as (
    select
        factor,
        min(error_ratio) as lowest,
        median(error_ratio) as median,
        max(error_ratio) as highest,
        count(*) as models
    from factor_accuracy
    where selection = 'top' and reading = 'class'
    group by factor
)

select
    factor_accuracy.factor,
    factor_accuracy.images,
    factor_accuracy.accuracy,
    factor_accuracy.error_ratio,
    spread.lowest,
    spread.median,
    spread.highest,
    spread.models
from factor_accuracy
inner join spread using (factor)
where factor_accuracy.model = $model
    and factor_accuracy.selection = 'top'
    and factor_accuracy.reading = 'class'
order by factor_accuracy.error_ratio desc nulls last, factor_accuracy.factor
