-- mistake_candidates: what the categoriser's rules (rules/) read of each mistake: the
-- mistake's key, its original label and its prediction, nothing of the model itself.
-- Read from model_mistakes, so that add-model, which stores a model's mistakes before
-- their verdicts, categorises them from the stored rows rather than finding them again
-- for every rule. A view, not a CTE of auto_categories_live: DuckDB inlines a view at
-- every read, so a filter on the model reaches each rule, where a CTE read by every
-- rule is worked out once for all models.
create or replace view mistake_candidates as
select model, image_number, evaluated_from, original_class, predicted_class
from model_mistakes;

COMMENT ON VIEW mistake_candidates IS 'The mistakes as the categoriser''s rules read them: key, original label, prediction';
COMMENT ON COLUMN mistake_candidates.model IS 'As model_mistakes.model';
COMMENT ON COLUMN mistake_candidates.image_number IS 'As model_mistakes.image_number';
COMMENT ON COLUMN mistake_candidates.evaluated_from IS 'As model_mistakes.evaluated_from';
COMMENT ON COLUMN mistake_candidates.original_class IS 'As model_mistakes.original_class';
COMMENT ON COLUMN mistake_candidates.predicted_class IS 'As model_mistakes.predicted_class';
