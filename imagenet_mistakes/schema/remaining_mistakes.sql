-- remaining_mistakes: of the mistakes the paper categorised for its models, how many each
-- model with predictions still gets wrong, by category and severity.
-- Counts only images the model has predictions for.
create or replace view remaining_mistakes as
with

per_image as (
    select
        image_results.model,
        mistakes.model as paper_model,
        mistakes.category,
        mistakes.severity,
        not image_results.correct_or_unclear as still_wrong
    from mistakes
    inner join image_results
        on image_results.image_number = mistakes.image_number
        and image_results.label_set in (select label_set from label_sets where analysed)
),

final as (
    select
        model,
        paper_model,
        coalesce(category, 'all') as category,
        coalesce(severity, 'all') as severity,
        count(*) as paper_mistakes,
        count(*) filter (where still_wrong) as still_wrong,
        avg(still_wrong::integer::double) as share_still_wrong
    from per_image
    group by grouping sets (
        (model, paper_model, category, severity),
        (model, paper_model, category),
        (model, paper_model, severity),
        (model, paper_model)
    )
)

select * from final;

COMMENT ON VIEW remaining_mistakes IS 'For each model with predictions: how many of the paper models'' categorised mistakes it still gets wrong, by category and severity';
COMMENT ON COLUMN remaining_mistakes.model IS 'Model with predictions';
COMMENT ON COLUMN remaining_mistakes.paper_model IS 'Paper model whose categorised mistakes are counted (vit3b, greedy_soups)';
COMMENT ON COLUMN remaining_mistakes.category IS 'Category of the paper''s mistake, or all';
COMMENT ON COLUMN remaining_mistakes.severity IS 'Severity of the paper''s mistake, or all';
COMMENT ON COLUMN remaining_mistakes.paper_mistakes IS 'The paper model''s categorised mistakes on images this model has predictions for';
COMMENT ON COLUMN remaining_mistakes.still_wrong IS 'Of those, images whose top-1 from this model is neither correct nor unclear';
COMMENT ON COLUMN remaining_mistakes.share_still_wrong IS 'still_wrong / paper_mistakes';
