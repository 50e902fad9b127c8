-- The images most of the file's models get wrong, with what the label sets say of them.
-- Parameters: $label_set: label_set = multilabel_v3, $limit: rows = 20, $among: among = all.
-- The images most of this file's models (or those of one zoo, or those named: -p among=)
-- get wrong under a label set, hardest first, with what the label sets say of their
-- original label and ETH's count among its 962 published models.
select
    image_difficulty.file_name,
    classes.name as original_label,
    counted.models_wrong,
    counted.models,
    counted.models_wrong / counted.models as share_wrong,
    original_label_verdicts.* exclude (image_number),
    image_difficulty.eth_error_type,
    image_difficulty.eth_models_wrong,
    image_difficulty.eth_models
from image_difficulty_among($among, null) as counted
inner join image_difficulty using (label_set, image_number)
inner join classes on classes.class_id = image_difficulty.original_class
inner join original_label_verdicts using (image_number)
where image_difficulty.label_set = $label_set
order by
    share_wrong desc,
    image_difficulty.eth_models_wrong desc nulls last,
    image_difficulty.image_number
limit $limit::integer
