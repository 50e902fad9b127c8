-- model_mistakes_snapshot: the mistakes of each model with predictions (model_mistakes_live),
-- stored when it is added.
-- Written in the transaction that adds the model (and again when `build`
-- carries models into a new database), so it always matches its predictions.
-- The rest of a mistake (its file, original label, the paper's category)
-- model_mistakes joins from the tables that hold it.
CREATE TABLE IF NOT EXISTS model_mistakes_snapshot (
    model           VARCHAR NOT NULL,
    image_number    INTEGER NOT NULL,
    predicted_class INTEGER NOT NULL
);

COMMENT ON TABLE model_mistakes_snapshot IS 'model_mistakes_live stored per model when it is added; model_mistakes reads it';
COMMENT ON COLUMN model_mistakes_snapshot.model IS 'As model_mistakes.model';
COMMENT ON COLUMN model_mistakes_snapshot.image_number IS 'As model_mistakes.image_number';
COMMENT ON COLUMN model_mistakes_snapshot.predicted_class IS 'As model_mistakes.predicted_class';
