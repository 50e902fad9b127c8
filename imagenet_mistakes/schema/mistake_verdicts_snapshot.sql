-- mistake_verdicts_snapshot: the rules' verdict on each pair of an image and a
-- predicted class some model's mistake has (mistake_verdicts_live), stored once per
-- pair: add-model stores those of the pairs its models bring (the rules read nothing
-- of the model, so a pair another model made already has its verdict), build those of
-- the paper's mistakes tables, and remove-model drops the pairs no mistake has left.
-- auto_categories reads them beside each mistake.
CREATE TABLE IF NOT EXISTS mistake_verdicts_snapshot (
    image_number      INTEGER NOT NULL,
    predicted_class   INTEGER NOT NULL,
    auto_category     VARCHAR NOT NULL,
    category_rule     VARCHAR,
    category_evidence VARCHAR NOT NULL,
    auto_severity     VARCHAR NOT NULL,
    severity_rule     VARCHAR,
    severity_evidence VARCHAR NOT NULL,
    PRIMARY KEY (image_number, predicted_class)
);

COMMENT ON TABLE mistake_verdicts_snapshot IS 'mistake_verdicts_live''s verdicts, stored once per (image, predicted class) as models are added; auto_categories reads them';
COMMENT ON COLUMN mistake_verdicts_snapshot.image_number IS 'Image (images.image_number)';
COMMENT ON COLUMN mistake_verdicts_snapshot.predicted_class IS 'The class predicted';
COMMENT ON COLUMN mistake_verdicts_snapshot.auto_category IS 'As auto_categories.auto_category';
COMMENT ON COLUMN mistake_verdicts_snapshot.category_rule IS 'As auto_categories.category_rule';
COMMENT ON COLUMN mistake_verdicts_snapshot.category_evidence IS 'As auto_categories.category_evidence';
COMMENT ON COLUMN mistake_verdicts_snapshot.auto_severity IS 'As auto_categories.auto_severity';
COMMENT ON COLUMN mistake_verdicts_snapshot.severity_rule IS 'As auto_categories.severity_rule';
COMMENT ON COLUMN mistake_verdicts_snapshot.severity_evidence IS 'As auto_categories.severity_evidence';
