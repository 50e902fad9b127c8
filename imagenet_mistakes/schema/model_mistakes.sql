-- model_mistakes: every mistake of every model on the multi-label set, with the paper's
-- manual category where it has one: auto_categories without the rules' columns.
-- A mistake: a non-problematic annotated image whose top-1 is neither a
-- correct nor an unclear label (the images multi-label accuracy counts wrong).
create or replace view model_mistakes as
select
    model,
    image_number,
    file_name,
    original_class,
    predicted_class,
    manual_category,
    manual_severity,
    evaluated_from
from auto_categories;

COMMENT ON VIEW model_mistakes IS 'Every model''s mistakes on the non-problematic annotated images (top-1 neither correct nor unclear), with the paper''s manual category where there is one';
COMMENT ON COLUMN model_mistakes.model IS 'Model';
COMMENT ON COLUMN model_mistakes.image_number IS 'Image (images.image_number)';
COMMENT ON COLUMN model_mistakes.file_name IS 'Image name, ILSVRC2012_val_XXXXXXXX.JPEG';
COMMENT ON COLUMN model_mistakes.original_class IS 'Original ImageNet label';
COMMENT ON COLUMN model_mistakes.predicted_class IS 'Top-1 prediction';
COMMENT ON COLUMN model_mistakes.manual_category IS 'The paper''s category when it categorised this model''s mistake here, else NULL';
COMMENT ON COLUMN model_mistakes.manual_severity IS 'The paper''s severity (major, minor) when it categorised it, else NULL';
COMMENT ON COLUMN model_mistakes.evaluated_from IS 'predictions, or the mistakes table for paper models whose predictions are not loaded';
