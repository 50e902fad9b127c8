-- The images the analysed label set scores that $model predicted (every one,
-- for a paper model known only from its mistakes), with the name of its top-1
-- where its predictions are loaded: what a gallery comparing two models needs
-- of the model that gets an image right.
select image_scope.image_number, classes.name as top1
from image_scope
left join predictions
    on predictions.image_number = image_scope.image_number and predictions.model = $model
left join classes on classes.class_id = predictions.classes[1]
where image_scope.label_set in (select label_set from label_sets where analysed)
    and (predictions.model is not null or $model not in (select model from models))
