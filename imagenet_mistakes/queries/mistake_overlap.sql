-- Mistakes two models share, those only one makes, and McNemar's exact p.
-- Parameters: $a: model, $b: model.
-- Mistakes two models share on the multi-label set, those only one makes, whether their
-- categories agree, and McNemar's exact p that both are equally often wrong.
-- The p-value (mcnemar_p) stands on the rows of the discordant images, those
-- only one model gets wrong; `compare` tests every metric of two models.
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

counts as (
    select
        count(*) filter (where both_wrong) as both_wrong,
        count(*) filter (where only_a) as only_a,
        count(*) filter (where only_b) as only_b,
        count(*) filter (where category_a is not null and category_b is not null)
            as both_categorised,
        count(*) filter (where category_a = category_b) as same_category
    from both_models
),

final as (
    select findings.position, findings.mistakes, findings.images, findings.mcnemar_p
    from counts
    cross join lateral (values
        (1, 'both wrong', both_wrong, null),
        (2, 'only a wrong (fixed by b)', only_a, mcnemar_p(only_a, only_b)),
        (3, 'only b wrong (new in b)', only_b, mcnemar_p(only_a, only_b)),
        (4, 'both wrong, both categorised', both_categorised, null),
        (5, 'both wrong, same category', same_category, null)
    ) as findings (position, mistakes, images, mcnemar_p)
)

select mistakes, images, mcnemar_p from final order by position
