-- image_scope: for every label set, the images its metrics count, with the
-- classes it accepts for each. The rule is the label set's scope
-- (label_sets.scope), applied by writes/store_image_scope.sql. It is stored,
-- not a view, because it depends on the labels alone, which only `build`
-- writes, while image_results reads it for every model: deriving the scope
-- afresh was a third of the time add-model spends computing a model's
-- metrics, and gathering the lists from accepted_labels a third again.
CREATE TABLE IF NOT EXISTS image_scope (
    label_set        VARCHAR NOT NULL REFERENCES label_sets (label_set),
    image_number     INTEGER NOT NULL REFERENCES images (image_number),
    correct_classes  INTEGER[] NOT NULL,
    accepted_classes INTEGER[] NOT NULL,
    PRIMARY KEY (label_set, image_number)
);

COMMENT ON TABLE image_scope IS 'The images each label set''s metrics count, one row per label set and image; stored by build from the labels and flags';
COMMENT ON COLUMN image_scope.label_set IS 'Label set';
COMMENT ON COLUMN image_scope.image_number IS 'An image its metrics count, by its scope rule (label_sets.scope): images.image_number';
COMMENT ON COLUMN image_scope.correct_classes IS 'The classes the label set marks correct for the image (accepted_labels.correct); may be empty';
COMMENT ON COLUMN image_scope.accepted_classes IS 'The classes it accepts, correct or unclear (accepted_labels); may be empty';
