-- The classes a model gets most wrong under a label set, worst first, with class names.
-- Parameters: $model: model, $label_set: label_set = multilabel_v3, $limit: rows = 20.
select
    class_accuracy.class_id,
    classes.name,
    class_accuracy.images,
    class_accuracy.lenient_accuracy,
    class_accuracy.accuracy
from class_accuracy
inner join classes using (class_id)
where class_accuracy.model = $model and class_accuracy.label_set = $label_set
order by class_accuracy.lenient_accuracy, class_accuracy.accuracy, class_accuracy.class_id
limit $limit::integer
