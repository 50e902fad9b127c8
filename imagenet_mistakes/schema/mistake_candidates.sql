-- mistake_candidates: the pairs of an image and a predicted class that some model's
-- mistake has (model_mistakes), with the image's original label: what the
-- categoriser's rules (rules/) judge. The rules read nothing of the model, so the
-- 256,023 mistakes of 82 models need 71,881 verdicts, one per pair.
create or replace view mistake_candidates as
select distinct image_number, original_class, predicted_class
from model_mistakes;

COMMENT ON VIEW mistake_candidates IS 'The pairs of an image and a predicted class some model''s mistake has: what the categoriser''s rules judge';
COMMENT ON COLUMN mistake_candidates.image_number IS 'Image (images.image_number)';
COMMENT ON COLUMN mistake_candidates.original_class IS 'Its original label';
COMMENT ON COLUMN mistake_candidates.predicted_class IS 'The class a model predicted for it';
