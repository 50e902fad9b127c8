-- model_mistakes: every mistake of every model on the multi-label set, with the paper's
-- manual category where it has one.
-- A mistake: a non-problematic annotated image whose top-1 is neither a
-- correct nor an unclear label (the images multi-label accuracy counts wrong).
-- Models with predictions are read from them; the paper's models without
-- loaded predictions from the mistakes table, which lists every such image.
create or replace view model_mistakes as
with

from_predictions as (
    select model, image_number, file_name, original_class, top1_class as predicted_class
    from top1_results
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

COMMENT ON VIEW model_mistakes IS 'Every model''s mistakes on the non-problematic annotated images (top-1 neither correct nor unclear), with the paper''s manual category where there is one';
COMMENT ON COLUMN model_mistakes.model IS 'Model';
COMMENT ON COLUMN model_mistakes.image_number IS 'Image (images.image_number)';
COMMENT ON COLUMN model_mistakes.file_name IS 'Image name, ILSVRC2012_val_XXXXXXXX.JPEG';
COMMENT ON COLUMN model_mistakes.original_class IS 'Original ImageNet label';
COMMENT ON COLUMN model_mistakes.predicted_class IS 'Top-1 prediction';
COMMENT ON COLUMN model_mistakes.manual_category IS 'The paper''s category when it categorised this model''s mistake here, else NULL';
COMMENT ON COLUMN model_mistakes.manual_severity IS 'The paper''s severity (major, minor) when it categorised it, else NULL';
COMMENT ON COLUMN model_mistakes.evaluated_from IS 'predictions, or the mistakes table for paper models whose predictions are not loaded';
