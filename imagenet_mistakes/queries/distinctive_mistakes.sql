-- A model's mistakes that at least 90% of the file's other models get right.
-- Parameters: $model: model, $label_set: label_set = multilabel_v3, $among: among = all.
-- A model's distinctive mistakes under a label set: images it gets wrong that at least
-- 90% of the file's other models (or those of one zoo, or those named: -p among=) get
-- right.
select
    image_results.file_name,
    original.name as original_label,
    predicted.name as predicted_label,
    others.models - others.models_wrong as others_right,
    others.models as others,
    image_difficulty.eth_error_type,
    image_difficulty.eth_models_wrong
from image_results
inner join image_difficulty_among($among, $model) as others using (label_set, image_number)
inner join image_difficulty using (label_set, image_number)
inner join classes as original on original.class_id = image_results.original_class
inner join classes as predicted on predicted.class_id = image_results.top1_class
where image_results.model = $model
    and image_results.label_set = $label_set
    and not image_results.correct_or_unclear
    -- The others are judged without the model.
    and others.models > 0
    and others.models - others.models_wrong >= 0.9 * others.models
order by others_right desc, image_results.image_number
