-- What kind a model's mistakes are, by the rules, beside the paper's two models.
-- Parameters: $model: model.
-- What kind a model's mistakes on the multi-label set are (auto_categories: the paper's
-- four categories, or unexplained), with how many the rules judge major; beside it,
-- for each model the paper categorised, the paper's own verdicts and the rules' on the
-- same mistakes, so a share reads against the paper's answer.
with

by_rules as (
    select model, 'rules' as judged_by, category, mistakes, share, major, position
    from model_category_shares
    where model = $model or model in (select model from mistakes)
),

by_paper as (
    select
        totals.model,
        'paper' as judged_by,
        categories.category,
        count(mistakes.image_number) as mistakes,
        count(mistakes.image_number) / max(totals.mistakes) as share,
        count(mistakes.image_number) filter (where mistakes.severity = 'major') as major,
        categories.position
    from verdict_categories as categories
    cross join (select model, count(*) as mistakes from mistakes group by model) as totals
    left join mistakes
        on mistakes.model = totals.model and mistakes.category = categories.category
    where categories.paper
    group by totals.model, categories.category, categories.position
)

select model, judged_by, category, mistakes, share, major
from (
    select * from by_rules
    union all
    select * from by_paper
) as counts
order by model <> $model, model, judged_by desc, position
