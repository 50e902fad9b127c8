-- model_mistakes: every mistake of every model on the multi-label set, with the paper's
-- manual category where it has one.
-- A mistake: a non-problematic annotated image whose top-1 is neither a
-- correct nor an unclear label (the images multi-label accuracy counts wrong).
-- Models with predictions: as stored when they were added (model_mistakes_snapshot).
-- The paper's models without loaded predictions: found now in the mistakes table
-- (2 models: milliseconds).
create or replace view model_mistakes as
with

stored as (
    select
        stored.model,
        stored.image_number,
        images.file_name,
        images.label as original_class,
        stored.predicted_class,
        mistakes.category as manual_category,
        mistakes.severity as manual_severity,
        'predictions' as evaluated_from
    from model_mistakes_snapshot as stored
    inner join images using (image_number)
    left join mistakes using (model, image_number)
),

final as (
    select * from stored
    union all
    select
        model,
        image_number,
        file_name,
        original_class,
        predicted_class,
        manual_category,
        manual_severity,
        evaluated_from
    from model_mistakes_live
    where evaluated_from = 'mistakes table'
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
