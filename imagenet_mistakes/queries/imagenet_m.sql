-- A model's answer on each ImageNet-M image, wrong answers first.
-- Parameters: $model: model.
-- Needs: ImageNet-M list
select
    image_results.file_name,
    original.name as original_label,
    predicted.name as prediction,
    image_results.correct_or_unclear as correct,
    (
        select string_agg(classes.name, '; ' order by classes.name)
        from image_labels
        inner join classes using (class_id)
        where image_labels.label_set in (select label_set from label_sets where analysed)
            and image_labels.image_number = image_results.image_number
            and image_labels.verdict in ('correct', 'unclear')
    ) as accepted_labels
from image_results
inner join classes as original on original.class_id = image_results.original_class
inner join classes as predicted on predicted.class_id = image_results.top1_class
where image_results.model = $model
    and image_results.label_set in (select label_set from label_sets where analysed)
    and image_results.imagenet_m
order by correct, file_name
