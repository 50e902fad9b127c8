-- mistake_verdicts_live: the rules' verdict on every pair of an image and a predicted
-- class some model's mistake has (mistake_candidates), worked out now: category and
-- severity, each with the rule that gave it and its evidence (rules/verdicts.sql joins
-- the rules of rules/). add-model and build store them (mistake_verdicts_snapshot).
create or replace view mistake_verdicts_live as
{{ verdicts('mistake_candidates') }};

COMMENT ON VIEW mistake_verdicts_live IS 'The rules'' verdict on every (image, predicted class) of a mistake, worked out now; mistake_verdicts_snapshot stores them';
COMMENT ON COLUMN mistake_verdicts_live.image_number IS 'Image (images.image_number)';
COMMENT ON COLUMN mistake_verdicts_live.predicted_class IS 'The class predicted';
COMMENT ON COLUMN mistake_verdicts_live.auto_category IS 'As auto_categories.auto_category';
COMMENT ON COLUMN mistake_verdicts_live.category_rule IS 'As auto_categories.category_rule';
COMMENT ON COLUMN mistake_verdicts_live.category_evidence IS 'As auto_categories.category_evidence';
COMMENT ON COLUMN mistake_verdicts_live.auto_severity IS 'As auto_categories.auto_severity';
COMMENT ON COLUMN mistake_verdicts_live.severity_rule IS 'As auto_categories.severity_rule';
COMMENT ON COLUMN mistake_verdicts_live.severity_evidence IS 'As auto_categories.severity_evidence';
