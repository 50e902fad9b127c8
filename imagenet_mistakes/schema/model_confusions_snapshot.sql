-- model_confusions_snapshot: each model's (original label, prediction) pairs among its
-- stored mistakes, counted when it is added.
-- Written in the transaction that adds the model (and again when `build`
-- carries models into a new database): counted over every model at once,
-- the pairs took seconds before model_confusions showed its first row.
CREATE TABLE IF NOT EXISTS model_confusions_snapshot (
    model           VARCHAR NOT NULL,
    original_class  INTEGER NOT NULL,
    predicted_class INTEGER NOT NULL,
    mistakes        BIGINT NOT NULL
);

COMMENT ON TABLE model_confusions_snapshot IS 'model_confusions_live stored per model when it is added; model_confusions reads it';
COMMENT ON COLUMN model_confusions_snapshot.model IS 'As model_confusions.model';
COMMENT ON COLUMN model_confusions_snapshot.original_class IS 'As model_confusions.original_class';
COMMENT ON COLUMN model_confusions_snapshot.predicted_class IS 'As model_confusions.predicted_class';
COMMENT ON COLUMN model_confusions_snapshot.mistakes IS 'As model_confusions.mistakes';
