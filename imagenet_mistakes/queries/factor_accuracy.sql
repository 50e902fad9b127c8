-- A model's accuracy and error ratio on the images showing each ImageNet-X factor.
-- Parameters: $model: predicted_model.
-- A model's accuracy on the images showing each of ImageNet-X's factors of variation,
-- and its error ratio (error rate on them over its error rate on all), by the top factor
-- and by every factor, under the original label, ReaL and metaclass (ImageNet-X's
-- annotations: non-commercial use only).
select selection, reading, factor, images, correct, accuracy, error_ratio, average_accuracy
from factor_accuracy
where model = $model
order by selection desc, reading, error_ratio desc, factor
