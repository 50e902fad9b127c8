-- Add a model's row and its predictions, given as the registered Arrow table
-- `new_predictions` (image_number, rank, class_id, score), one row per rank.
insert into models (model, source, description, zoo, added_at, top_k, images)
values ($model, $source, $description, $zoo, now(), $top_k, $images);
-- One row per image, its classes in rank order. No ORDER BY of the rows: a
-- model's rows are appended together, which is the order that
-- `where model = ...` scans use; sorting them by image as well cost a third more.
insert into predictions
select
    $model,
    image_number,
    list(class_id order by rank),
    -- NULL rather than a list of NULLs when the input gave no scores.
    case when count(score) > 0 then list(score::real order by rank) end
from new_predictions
group by image_number;
