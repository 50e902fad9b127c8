-- model_mistakes_snapshot: the mistakes of each model with predictions and their rule-based
-- category and severity with the evidence (auto_categories_live), stored when it is added.
-- Written in the transaction that adds the model (and again when `build`
-- carries models into a new database), so it always matches its predictions.
-- The rest of a mistake (its file, original label, the paper's category)
-- auto_categories joins from the tables that hold it.
CREATE TABLE IF NOT EXISTS model_mistakes_snapshot (
    model               VARCHAR NOT NULL,
    image_number        INTEGER NOT NULL,
    predicted_class     INTEGER NOT NULL,
    auto_category       VARCHAR NOT NULL,
    category_rule       VARCHAR,
    category_evidence   VARCHAR NOT NULL,
    auto_severity       VARCHAR NOT NULL,
    severity_rule       VARCHAR,
    severity_evidence   VARCHAR NOT NULL
);

COMMENT ON TABLE model_mistakes_snapshot IS 'auto_categories_live stored per model when it is added; model_mistakes and auto_categories read it';
COMMENT ON COLUMN model_mistakes_snapshot.model IS 'As auto_categories.model';
COMMENT ON COLUMN model_mistakes_snapshot.image_number IS 'As auto_categories.image_number';
COMMENT ON COLUMN model_mistakes_snapshot.predicted_class IS 'As auto_categories.predicted_class';
COMMENT ON COLUMN model_mistakes_snapshot.auto_category IS 'As auto_categories.auto_category';
COMMENT ON COLUMN model_mistakes_snapshot.category_rule IS 'As auto_categories.category_rule';
COMMENT ON COLUMN model_mistakes_snapshot.category_evidence IS 'As auto_categories.category_evidence';
COMMENT ON COLUMN model_mistakes_snapshot.auto_severity IS 'As auto_categories.auto_severity';
COMMENT ON COLUMN model_mistakes_snapshot.severity_rule IS 'As auto_categories.severity_rule';
COMMENT ON COLUMN model_mistakes_snapshot.severity_evidence IS 'As auto_categories.severity_evidence';
