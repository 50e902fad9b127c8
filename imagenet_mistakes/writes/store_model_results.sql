-- Store what the views read of one model ($model), worked out from its predictions:
-- its images' set first, then its rows of each stored aggregate's live view
-- (data/stored.toml, in its order: class counts, then metrics summed from them,
-- then mistakes, the pairs among them, ...).
-- The images' counts of models are added per batch (count_image_verdicts.sql).
-- Run in the transaction that adds the model, so they always agree with its
-- predictions. One model at a time: computing many at once holds every join
-- in memory together (3.4 GB for the 67 zoo models) and is no faster.
--
-- The images it is scored on: all, or a digest of their numbers, so that
-- models on the same subset are ranked together and apart from the rest.
update models
set image_set = (
    select case
        when count(*) = (select count(*) from images) then 'all'
        else 'subset-' || left(md5(string_agg(image_number::varchar, ',' order by image_number)), 8)
    end
    from predictions
    where predictions.model = $model
)
where model = $model;
{% for aggregate in stored %}
insert into {{ aggregate.table }}
select {{ aggregate.columns | join(', ') }}
from {{ aggregate.live }}
where model = $model{% if aggregate.own_rows_only %} and evaluated_from = 'predictions'{% endif %};
{% endfor %}
