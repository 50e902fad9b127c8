-- Add the models just stored ($models) to each image's count of models and
-- of wrong models (image_difficulty_snapshot): the images already counted
-- are updated, the others inserted. Once per batch, in its transaction:
-- updating the counts once rather than once per model makes adding the 67
-- zoo models 3 s faster.
create or replace temporary table image_verdicts as
select
    label_set,
    image_number,
    count(*) as models,
    count(*) filter (where not correct_or_unclear) as wrong
from image_results
where model in (select unnest($models::varchar[]))
group by label_set, image_number;
update image_difficulty_snapshot as counts
set models = counts.models + image_verdicts.models,
    models_wrong = counts.models_wrong + image_verdicts.wrong
from image_verdicts
where counts.label_set = image_verdicts.label_set
    and counts.image_number = image_verdicts.image_number;
insert into image_difficulty_snapshot
select image_verdicts.label_set, image_verdicts.image_number, image_verdicts.models, image_verdicts.wrong
from image_verdicts
anti join image_difficulty_snapshot as counts
    on counts.label_set = image_verdicts.label_set
    and counts.image_number = image_verdicts.image_number;
drop table image_verdicts;
