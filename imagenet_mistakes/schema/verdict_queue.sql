-- verdict_queue: the pairs of an image and a predicted class whose verdict a write is
-- about to store (writes/store_mistake_verdicts.sql): the pairs of the models just
-- added that no stored verdict has. Filled and emptied within the write's
-- transaction, so every reader sees it empty; the rules then run on the new pairs
-- alone (queued_verdicts), not on every pair of the file.
CREATE TABLE IF NOT EXISTS verdict_queue (
    image_number    INTEGER NOT NULL,
    original_class  INTEGER NOT NULL,
    predicted_class INTEGER NOT NULL,
    PRIMARY KEY (image_number, predicted_class)
);

COMMENT ON TABLE verdict_queue IS 'Pairs waiting for the rules'' verdict during a write; empty outside it';
COMMENT ON COLUMN verdict_queue.image_number IS 'Image (images.image_number)';
COMMENT ON COLUMN verdict_queue.original_class IS 'Its original label';
COMMENT ON COLUMN verdict_queue.predicted_class IS 'The class a model predicted for it';
