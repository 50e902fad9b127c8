-- Store what the views read of the models just added ($models), worked out from their
-- predictions: their images' sets first, then their rows of each stored aggregate's
-- live view (data/stored.toml, in its order: class counts, then metrics summed from
-- them, then mistakes, the pairs among them, ...). Run in the transaction that adds
-- them, so they always agree with their predictions. Several models at a time: one
-- statement per aggregate for a chunk of models (models.py) plans the views once, not
-- once per model (15 top-1 models: 1.4 s against 3.7 s), while a chunk's joins stay
-- small in memory (all 67 zoo models at once held 3.4 GB). The list filter reaches
-- each live view's reads of the predictions, as a filter on one model does.
--
-- The images each is scored on: all, or a digest of their numbers, so that models on
-- the same subset are ranked together and apart from the rest.
update models
set image_set = scored.image_set
from (
    select
        model,
        case
            when count(*) = (select count(*) from images) then 'all'
            else 'subset-' || left(md5(string_agg(image_number::varchar, ',' order by image_number)), 8)
        end as image_set
    from predictions
    where model in (select unnest($models::varchar[]))
    group by model
) as scored
where models.model = scored.model;
{% for aggregate in stored %}
insert into {{ aggregate.table }}
select {{ aggregate.columns | join(', ') }}
from {{ aggregate.live }}
where list_contains($models::varchar[], model){% if aggregate.own_rows_only %} and evaluated_from = 'predictions'{% endif %};
{% endfor %}
