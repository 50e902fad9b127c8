-- image_difficulty_among(among, without): image_difficulty's counts among the models a
-- user names (models_among: 'all', a zoo or a list) other than `without` (NULL: none):
-- for every image a label set scores, how many of them have predictions for it and how
-- many get it wrong. For all models, from the counts add-model stored; for some,
-- counted now from image_results. A DuckDB table macro for hardest_images,
-- shared_mistakes and distinctive_mistakes.
create or replace macro image_difficulty_among(among, without) as table
with

counts as (
    select label_set, image_number, models, models_wrong
    from image_difficulty_snapshot
    where among = 'all'
    union all
    select
        label_set,
        image_number,
        count(*) as models,
        count(*) filter (where not correct_or_unclear) as models_wrong
    from image_results
    where among <> 'all' and model in (select model from models_among(among))
    group by label_set, image_number
),

-- The model left out, where it is among them.
own as (
    select label_set, image_number, (not correct_or_unclear)::integer as wrong
    from image_results
    where model = without and model in (select model from models_among(among))
)

select
    counts.label_set,
    counts.image_number,
    counts.models - (own.image_number is not null)::integer as models,
    counts.models_wrong - coalesce(own.wrong, 0) as models_wrong
from counts
left join own using (label_set, image_number);
