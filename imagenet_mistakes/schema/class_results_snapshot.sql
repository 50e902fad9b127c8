-- class_results_snapshot: class_results_live of each model with predictions, stored when it is added.
-- Written in the transaction that adds the model (and again when `build`
-- carries models into a new database), so it always matches its predictions.
-- No primary key: its index would hold a row per model, label set, class and
-- scope (8 million with 1,000 models) for a uniqueness add-model guarantees.
CREATE TABLE IF NOT EXISTS class_results_snapshot (
    model              VARCHAR NOT NULL,
    label_set          VARCHAR NOT NULL REFERENCES label_sets (label_set),
    class_id           INTEGER NOT NULL,
    scope              VARCHAR NOT NULL,
    images             BIGINT NOT NULL,
    correct            BIGINT,
    correct_or_unclear BIGINT NOT NULL,
    top5_correct       BIGINT
);

COMMENT ON TABLE class_results_snapshot IS 'class_results_live stored per model when it is added; class_results reads it';
COMMENT ON COLUMN class_results_snapshot.model IS 'As class_results.model';
COMMENT ON COLUMN class_results_snapshot.label_set IS 'As class_results.label_set';
COMMENT ON COLUMN class_results_snapshot.class_id IS 'As class_results.class_id';
COMMENT ON COLUMN class_results_snapshot.scope IS 'As class_results.scope';
COMMENT ON COLUMN class_results_snapshot.images IS 'As class_results.images';
COMMENT ON COLUMN class_results_snapshot.correct IS 'As class_results.correct';
COMMENT ON COLUMN class_results_snapshot.correct_or_unclear IS 'As class_results.correct_or_unclear';
COMMENT ON COLUMN class_results_snapshot.top5_correct IS 'As class_results.top5_correct';
