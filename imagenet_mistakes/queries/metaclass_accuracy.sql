-- A model's accuracy per ImageNet-X metaclass, under three readings of the label.
-- Parameters: $model: predicted_model.
-- A model's accuracy per ImageNet-X metaclass (its 16 named and other), under the
-- original label, ReaL and metaclass (ImageNet-X's annotations: non-commercial use
-- only).
select reading, metaclass, images, correct, accuracy
from metaclass_accuracy
where model = $model
order by reading, accuracy, metaclass
