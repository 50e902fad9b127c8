-- model_mistakes_live: every mistake of every model on the multi-label set, found now,
-- with the paper's manual category where it has one. add-model stores a
-- model's mistakes with their rule-based category (model_mistakes_snapshot),
-- which model_mistakes and auto_categories read.
-- A mistake: a non-problematic annotated image whose top-1 is neither a
-- correct nor an unclear label (the images multi-label accuracy counts wrong).
-- Models with predictions are read from them; the paper's models without
-- loaded predictions from the mistakes table, which lists every such image.
create or replace view model_mistakes_live as
with

from_predictions as (
    select model, image_number, file_name, original_class, top1_class as predicted_class
    from image_results
    where not correct_or_unclear
        and label_set in (select label_set from label_sets where analysed)
),

from_mistakes_table as (
    select
        mistakes.model,
        mistakes.image_number,
        images.file_name,
        images.label as original_class,
        mistakes.predicted_class
    from mistakes
    inner join images using (image_number)
    where mistakes.model not in (select model from models)
),

final as (
    select
        found.model,
        found.image_number,
        found.file_name,
        found.original_class,
        found.predicted_class,
        mistakes.category as manual_category,
        mistakes.severity as manual_severity,
        found.evaluated_from
    from (
        select *, 'predictions' as evaluated_from from from_predictions
        union all
        select *, 'mistakes table' as evaluated_from from from_mistakes_table
    ) as found
    left join mistakes using (model, image_number)
)

select * from final;

COMMENT ON VIEW model_mistakes_live IS 'model_mistakes found now from the predictions: slow over many models; model_mistakes reads the stored mistakes';
COMMENT ON COLUMN model_mistakes_live.model IS 'As model_mistakes.model';
COMMENT ON COLUMN model_mistakes_live.image_number IS 'As model_mistakes.image_number';
COMMENT ON COLUMN model_mistakes_live.file_name IS 'As model_mistakes.file_name';
COMMENT ON COLUMN model_mistakes_live.original_class IS 'As model_mistakes.original_class';
COMMENT ON COLUMN model_mistakes_live.predicted_class IS 'As model_mistakes.predicted_class';
COMMENT ON COLUMN model_mistakes_live.manual_category IS 'As model_mistakes.manual_category';
COMMENT ON COLUMN model_mistakes_live.manual_severity IS 'As model_mistakes.manual_severity';
COMMENT ON COLUMN model_mistakes_live.evaluated_from IS 'As model_mistakes.evaluated_from';
