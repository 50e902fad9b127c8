-- queued_verdicts: the rules' verdict on each pair of verdict_queue, as
-- mistake_verdicts_live gives it on every pair (both render rules/verdicts.sql).
create or replace view queued_verdicts as
{{ verdicts('verdict_queue') }};

COMMENT ON VIEW queued_verdicts IS 'The rules'' verdict on each pair of verdict_queue, for a write to store';
COMMENT ON COLUMN queued_verdicts.image_number IS 'Image (images.image_number)';
COMMENT ON COLUMN queued_verdicts.predicted_class IS 'The class predicted';
COMMENT ON COLUMN queued_verdicts.auto_category IS 'As auto_categories.auto_category';
COMMENT ON COLUMN queued_verdicts.category_rule IS 'As auto_categories.category_rule';
COMMENT ON COLUMN queued_verdicts.category_evidence IS 'As auto_categories.category_evidence';
COMMENT ON COLUMN queued_verdicts.auto_severity IS 'As auto_categories.auto_severity';
COMMENT ON COLUMN queued_verdicts.severity_rule IS 'As auto_categories.severity_rule';
COMMENT ON COLUMN queued_verdicts.severity_evidence IS 'As auto_categories.severity_evidence';
