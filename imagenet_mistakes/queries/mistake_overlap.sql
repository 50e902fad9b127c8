-- Mistakes two models share on the multi-label set, those only one makes, and whether their categories agree.
-- Parameters: $a: model, $b: model.
with

a as (
    select image_number, manual_category
    from model_mistakes
    where model = $a
),

b as (
    select image_number, manual_category
    from model_mistakes
    where model = $b
),

both_models as (
    select
        a.image_number is not null and b.image_number is not null as both_wrong,
        a.image_number is not null and b.image_number is null as only_a,
        a.image_number is null as only_b,
        a.manual_category as category_a,
        b.manual_category as category_b
    from a
    full join b using (image_number)
),

final as (
    select 'both wrong' as mistakes, count(*) filter (where both_wrong) as images from both_models
    union all
    select 'only a wrong (fixed by b)', count(*) filter (where only_a) from both_models
    union all
    select 'only b wrong (new in b)', count(*) filter (where only_b) from both_models
    union all
    select 'both wrong, both categorised', count(*) filter (where category_a is not null and category_b is not null) from both_models
    union all
    select 'both wrong, same category', count(*) filter (where category_a = category_b) from both_models
)

select * from final
