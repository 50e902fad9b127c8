-- Add a model's row and its predictions, given as the registered Arrow table
-- `new_predictions` (image_number, rank, class_id, score).
insert into models (model, source, description, added_at, top_k, images)
values ($model, $source, $description, now(), $top_k, $images);
insert into predictions
select $model, images.file_name, new_predictions.rank, new_predictions.class_id, new_predictions.score
from new_predictions
inner join images using (image_number)
order by images.file_name, new_predictions.rank;
