-- mistake_verdicts_snapshot: the rules' verdict on each mistake of each model with
-- predictions (auto_categories_live: category and severity, each with its rule and
-- evidence), stored when it is added. Kept apart from model_mistakes_snapshot so that
-- what reads only the mistakes does not read the evidence the rules weigh.
CREATE TABLE IF NOT EXISTS mistake_verdicts_snapshot (
    model             VARCHAR NOT NULL,
    image_number      INTEGER NOT NULL,
    auto_category     VARCHAR NOT NULL,
    category_rule     VARCHAR,
    category_evidence VARCHAR NOT NULL,
    auto_severity     VARCHAR NOT NULL,
    severity_rule     VARCHAR,
    severity_evidence VARCHAR NOT NULL
);

COMMENT ON TABLE mistake_verdicts_snapshot IS 'auto_categories_live''s verdicts stored per model when it is added; auto_categories reads them';
COMMENT ON COLUMN mistake_verdicts_snapshot.model IS 'As auto_categories.model';
COMMENT ON COLUMN mistake_verdicts_snapshot.image_number IS 'As auto_categories.image_number';
COMMENT ON COLUMN mistake_verdicts_snapshot.auto_category IS 'As auto_categories.auto_category';
COMMENT ON COLUMN mistake_verdicts_snapshot.category_rule IS 'As auto_categories.category_rule';
COMMENT ON COLUMN mistake_verdicts_snapshot.category_evidence IS 'As auto_categories.category_evidence';
COMMENT ON COLUMN mistake_verdicts_snapshot.auto_severity IS 'As auto_categories.auto_severity';
COMMENT ON COLUMN mistake_verdicts_snapshot.severity_rule IS 'As auto_categories.severity_rule';
COMMENT ON COLUMN mistake_verdicts_snapshot.severity_evidence IS 'As auto_categories.severity_evidence';
