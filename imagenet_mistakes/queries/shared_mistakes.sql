-- A model's mistakes that at least 90% of the file's other models make too.
-- Parameters: $model: model, $label_set: label_set = multilabel_v3, $among: among = all.
-- A model's shared mistakes under a label set: images it gets wrong that at least 90% of
-- the file's other models (or those of one zoo, or those named: -p among=) get wrong
-- too, with what the label sets say of the original label (such images are often label
-- problems).
select
    image_results.file_name,
    original.name as original_label,
    predicted.name as predicted_label,
    others.models_wrong as others_wrong,
    others.models as others,
    original_label_verdicts.* exclude (image_number),
    image_difficulty.eth_error_type,
    image_difficulty.eth_models_wrong
from image_results
inner join image_difficulty_among($among, $model) as others using (label_set, image_number)
inner join image_difficulty using (label_set, image_number)
inner join original_label_verdicts
    on original_label_verdicts.image_number = image_results.image_number
inner join classes as original on original.class_id = image_results.original_class
inner join classes as predicted on predicted.class_id = image_results.top1_class
where image_results.model = $model
    and image_results.label_set = $label_set
    and not image_results.correct_or_unclear
    and others.models > 0
    and others.models_wrong >= 0.9 * others.models
order by others_wrong desc, image_results.image_number
