-- A model's mistakes that at least 90% of the file's other models get right.
-- Parameters: $model: model, $label_set: label_set = multilabel_v3.
-- A model's distinctive mistakes under a label set: images it gets wrong that at least
-- 90% of the file's other models get right.
select
    image_results.file_name,
    original.name as original_label,
    predicted.name as predicted_label,
    image_difficulty.models - image_difficulty.models_wrong as others_right,
    image_difficulty.models - 1 as others,
    image_difficulty.eth_error_type,
    image_difficulty.eth_models_wrong
from image_results
inner join image_difficulty using (label_set, image_number)
inner join classes as original on original.class_id = image_results.original_class
inner join classes as predicted on predicted.class_id = image_results.top1_class
where image_results.model = $model
    and image_results.label_set = $label_set
    and not image_results.correct_or_unclear
    -- The model is one of the wrong ones; the others are judged without it.
    and image_difficulty.models > 1
    and (image_difficulty.models - image_difficulty.models_wrong)
        >= 0.9 * (image_difficulty.models - 1)
order by others_right desc, image_results.image_number
