-- image_scope: for every label set, the images its metrics count.
-- The rule is the label set's scope (label_sets.scope), applied by
-- writes/store_image_scope.sql. It is stored, not a view, because it depends
-- on the labels alone, which only `build` writes, while image_results reads
-- it for every model: deriving it afresh each time was a third of the time
-- add-model spends computing a model's metrics.
CREATE TABLE IF NOT EXISTS image_scope (
    label_set    VARCHAR NOT NULL REFERENCES label_sets (label_set),
    image_number INTEGER NOT NULL REFERENCES images (image_number),
    PRIMARY KEY (label_set, image_number)
);

COMMENT ON TABLE image_scope IS 'The images each label set''s metrics count, one row per label set and image; stored by build from the labels and flags';
COMMENT ON COLUMN image_scope.label_set IS 'Label set';
COMMENT ON COLUMN image_scope.image_number IS 'An image its metrics count, by its scope rule (label_sets.scope): images.image_number';
