-- Take a model ($model) off each image's count of models and of wrong models
-- (image_difficulty_snapshot), as count_image_verdicts.sql added it; an image
-- no model predicts any more loses its row. Read from its predictions, so
-- before they go (remove_model.sql).
create or replace temporary table image_verdicts as
select label_set, image_number, (not correct_or_unclear)::bigint as wrong
from image_results
where model = $model;
delete from image_difficulty_snapshot as counts
using image_verdicts
where counts.label_set = image_verdicts.label_set
    and counts.image_number = image_verdicts.image_number
    and counts.models = 1;
update image_difficulty_snapshot as counts
set models = counts.models - 1, models_wrong = counts.models_wrong - image_verdicts.wrong
from image_verdicts
where counts.label_set = image_verdicts.label_set
    and counts.image_number = image_verdicts.image_number;
drop table image_verdicts;
