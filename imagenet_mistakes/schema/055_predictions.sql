-- predictions: any model's top-k predictions on the validation images.
-- No primary or foreign keys, on purpose. DuckDB cannot delete a model row
-- in the transaction that deletes its predictions while a foreign key points
-- at it (so --replace could not be atomic), and the key index made inserting
-- one model's 250,000 rows eight times slower. The loader guarantees what the
-- keys would: known images and classes, ranks 1..k once per image.
CREATE TABLE IF NOT EXISTS predictions (
    model        VARCHAR NOT NULL,
    image_number INTEGER NOT NULL,
    rank         INTEGER NOT NULL CHECK (rank >= 1),
    class_id     INTEGER NOT NULL CHECK (class_id BETWEEN 0 AND 999),
    score        DOUBLE CHECK (score BETWEEN 0 AND 1)
);

COMMENT ON TABLE predictions IS 'Top-k predictions, one row per model, image and rank';
COMMENT ON COLUMN predictions.model IS 'Model';
COMMENT ON COLUMN predictions.image_number IS 'Image (images.image_number)';
COMMENT ON COLUMN predictions.rank IS '1 for the top prediction';
COMMENT ON COLUMN predictions.class_id IS 'Predicted class';
COMMENT ON COLUMN predictions.score IS 'Softmax probability when logits were given, else NULL';
