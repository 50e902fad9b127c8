-- auto_categories: the paper's category and severity for every mistake of every model,
-- by the rules in rules/ (category_rules lists them), each with the rule that gave it
-- and its evidence: every mistake (model_mistakes) beside the verdict stored on its
-- pair of image and predicted class (mistake_verdicts_snapshot), which the rules give
-- whichever model makes the mistake. mistake_verdicts_live works them out now.
create or replace view auto_categories as
select
    found.model,
    found.image_number,
    found.file_name,
    found.original_class,
    found.predicted_class,
    verdicts.auto_category,
    verdicts.category_rule,
    verdicts.category_evidence,
    verdicts.auto_severity,
    verdicts.severity_rule,
    verdicts.severity_evidence,
    found.manual_category,
    found.manual_severity,
    found.evaluated_from
from model_mistakes as found
inner join mistake_verdicts_snapshot as verdicts using (image_number, predicted_class);

COMMENT ON VIEW auto_categories IS 'Every model''s mistakes with the paper''s category and severity given by the rules of category_rules, each with its evidence, next to the paper''s own verdict where there is one';
COMMENT ON COLUMN auto_categories.model IS 'Model';
COMMENT ON COLUMN auto_categories.image_number IS 'Image (images.image_number)';
COMMENT ON COLUMN auto_categories.file_name IS 'Image name, ILSVRC2012_val_XXXXXXXX.JPEG';
COMMENT ON COLUMN auto_categories.original_class IS 'Original ImageNet label';
COMMENT ON COLUMN auto_categories.predicted_class IS 'Top-1 prediction';
COMMENT ON COLUMN auto_categories.auto_category IS 'fine-grained, fine-grained-oov, spurious-correlation, non-prototypical (the paper''s four) or unexplained, by the first category rule that fires';
COMMENT ON COLUMN auto_categories.category_rule IS 'The category rule that fired (category_rules.rule; NULL: none did, so unexplained)';
COMMENT ON COLUMN auto_categories.category_evidence IS 'What the category rule found, in words, e.g. the WordNet ancestor the prediction shares with a label';
COMMENT ON COLUMN auto_categories.auto_severity IS 'major or minor, by the first severity rule that fires (minor when none does)';
COMMENT ON COLUMN auto_categories.severity_rule IS 'The severity rule that fired (category_rules.rule; NULL: none did, so minor)';
COMMENT ON COLUMN auto_categories.severity_evidence IS 'What the severity rule found, in words';
COMMENT ON COLUMN auto_categories.manual_category IS 'The paper''s category, when it categorised this mistake';
COMMENT ON COLUMN auto_categories.manual_severity IS 'The paper''s severity, when it categorised this mistake';
COMMENT ON COLUMN auto_categories.evaluated_from IS 'predictions, or the mistakes table for paper models whose predictions are not loaded';
