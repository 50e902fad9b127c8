-- image_difficulty_snapshot: image_difficulty_live's counts, kept up to date
-- by add-model (count_image_verdicts adds each batch of models to each image's
-- count) and remove-model (takes it away), in the transaction that adds or
-- removes the model. Counts over every model cannot be stored per model as
-- the other snapshots are: a model would need a row per image it gets wrong.
-- No key, on purpose (as predictions): DuckDB refuses to delete and insert
-- one key in a transaction, which --replace does.
CREATE TABLE IF NOT EXISTS image_difficulty_snapshot (
    label_set    VARCHAR NOT NULL,
    image_number INTEGER NOT NULL,
    models       BIGINT NOT NULL CHECK (models > 0),
    models_wrong BIGINT NOT NULL CHECK (models_wrong BETWEEN 0 AND models)
);

COMMENT ON TABLE image_difficulty_snapshot IS 'Per label set and scored image, how many models predict it and get it wrong, as stored when models were added and removed';
COMMENT ON COLUMN image_difficulty_snapshot.label_set IS 'Label set judging the predictions';
COMMENT ON COLUMN image_difficulty_snapshot.image_number IS 'Image (images.image_number)';
COMMENT ON COLUMN image_difficulty_snapshot.models IS 'Models with predictions for the image';
COMMENT ON COLUMN image_difficulty_snapshot.models_wrong IS 'Of those, how many have a top-1 that is neither a correct nor an unclear label';
