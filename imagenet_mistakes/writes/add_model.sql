-- Add a model's row and its predictions, given as the registered Arrow table
-- `new_predictions` (image_number, rank, class_id, score).
insert into models (model, source, description, added_at, top_k, images)
values ($model, $source, $description, now(), $top_k, $images);
-- No ORDER BY: a model's rows are appended together, which is the order that
-- `where model = ...` scans use; sorting them by image as well cost a third more.
insert into predictions
select $model, image_number, rank, class_id, score
from new_predictions;
