-- image_scope: for every label set and image, whether that label set's metrics count the image.
-- The rule is in writes/store_image_scope.sql. It is stored, not a view,
-- because it depends on the labels alone, which only `build` writes, while
-- image_results reads it for every model: deriving it afresh each time was a
-- third of the time add-model spends computing a model's metrics.
CREATE TABLE IF NOT EXISTS image_scope (
    label_set    VARCHAR NOT NULL REFERENCES label_sets (label_set),
    image_number INTEGER NOT NULL REFERENCES images (image_number),
    in_scope     BOOLEAN NOT NULL,
    PRIMARY KEY (label_set, image_number)
);

COMMENT ON TABLE image_scope IS 'Which images each label set''s metrics count, one row per label set and image; stored by build from the labels and flags';
COMMENT ON COLUMN image_scope.label_set IS 'Label set';
COMMENT ON COLUMN image_scope.image_number IS 'Image (images.image_number)';
COMMENT ON COLUMN image_scope.in_scope IS 'The label set''s metrics count the image (by the label set''s scope rule, label_sets.scope)';
