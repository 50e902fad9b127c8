-- models: every model whose predictions are loaded.
CREATE TABLE IF NOT EXISTS models (
    model       VARCHAR PRIMARY KEY CHECK (regexp_full_match(model, '[a-z0-9_.-]+')),
    source      VARCHAR NOT NULL,
    description VARCHAR,
    -- The zoo of data/zoos.toml it was added from (add-zoo); NULL for a user's model.
    zoo         VARCHAR,
    added_at    TIMESTAMPTZ NOT NULL,
    top_k       INTEGER NOT NULL CHECK (top_k >= 1),
    images      INTEGER NOT NULL CHECK (images BETWEEN 1 AND 50000),
    -- Set from the predictions where the model's results are stored
    -- (writes/store_model_results.sql), in the transaction that adds it.
    image_set   VARCHAR CHECK (image_set = 'all' OR regexp_full_match(image_set, 'subset-[0-9a-f]{8}'))
);

COMMENT ON TABLE models IS 'Models whose predictions are loaded';
COMMENT ON COLUMN models.model IS 'Model name, lowercase [a-z0-9_.-]+';
COMMENT ON COLUMN models.source IS 'File or zoo the predictions came from';
COMMENT ON COLUMN models.description IS 'Free text about the model';
COMMENT ON COLUMN models.zoo IS 'The zoo it was added from with add-zoo (imagenetv2, timm2022); NULL for a model added on its own';
COMMENT ON COLUMN models.added_at IS 'When the predictions were loaded';
COMMENT ON COLUMN models.top_k IS 'Predictions kept per image (the deepest rank)';
COMMENT ON COLUMN models.images IS 'Validation images the model has predictions for (50,000 unless partial)';
COMMENT ON COLUMN models.image_set IS 'The images it is scored on: all, or subset-<digest of their numbers>; a model is ranked only among models of the same image set';
