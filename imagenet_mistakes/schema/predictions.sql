-- predictions: any model's top-k predictions on the validation images, one row
-- per model and image with its classes in rank order.
-- One row per image rather than one per rank: the per-image view then reads
-- the top-1 and the top 5 from the same row, so it streams, where a row per
-- rank needed a join over every model's ranks 2 to 5 before its first row
-- (1.3 s with 1,000 models), and the table holds a fifth as many rows.
-- No primary or foreign keys, on purpose. DuckDB cannot delete a model row
-- in the transaction that deletes its predictions while a foreign key points
-- at it (so --replace could not be atomic), and the key index made inserting
-- a model's rows several times slower. The loader guarantees what the keys
-- would: known images, one row per image, k distinct classes each
-- (`query integrity` checks it).
CREATE TABLE IF NOT EXISTS predictions (
    model        VARCHAR NOT NULL,
    image_number INTEGER NOT NULL,
    classes      INTEGER[] NOT NULL
        CHECK (len(classes) >= 1 AND list_min(classes) >= 0 AND list_max(classes) <= 999),
    -- REAL, not DOUBLE: a softmax probability needs no more than REAL's 24 bits
    -- (a relative error under 6e-8, far below any difference a metric could see;
    -- no metric reads them), and the column is half the size.
    scores       REAL[] CHECK (list_min(scores) >= 0 AND list_max(scores) <= 1)
);

COMMENT ON TABLE predictions IS 'Top-k predictions, one row per model and image; unnest(classes) gives one row per rank';
COMMENT ON COLUMN predictions.model IS 'Model';
COMMENT ON COLUMN predictions.image_number IS 'Image (images.image_number)';
COMMENT ON COLUMN predictions.classes IS 'Predicted classes, best first: classes[1] is the top-1 prediction';
COMMENT ON COLUMN predictions.scores IS 'Softmax probability of each of classes, in the same order, when logits were given; else NULL';
