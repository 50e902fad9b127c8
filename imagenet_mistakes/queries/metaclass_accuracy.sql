-- A model's accuracy per ImageNet-X metaclass (its 16 named and other), under the original label, ReaL and metaclass (ImageNet-X's annotations: non-commercial use only).
-- Parameters: $model: predicted_model.
select reading, metaclass, images, correct, accuracy
from metaclass_accuracy
where model = $model
order by reading, accuracy, metaclass
