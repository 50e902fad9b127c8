-- carry_over_models for a database written before predictions held one row
-- per image (package 0.2 and earlier: one row per rank): the same models,
-- their ranks gathered into lists.
insert into models by name select * from previous.models;
insert into predictions
select
    model,
    image_number,
    list(class_id order by rank),
    case when count(score) > 0 then list(score::real order by rank) end
from previous.predictions
group by model, image_number
order by min(rowid);
