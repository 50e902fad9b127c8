-- image_labels: every label of every label set in one long shape.
-- A class may carry two verdicts for one image (upstream v3 lists 358 classes
-- as both correct and wrong); all are kept, and metrics use correct/unclear.
CREATE TABLE IF NOT EXISTS image_labels (
    label_set    VARCHAR NOT NULL REFERENCES label_sets (label_set),
    image_number INTEGER NOT NULL REFERENCES images (image_number),
    class_id     INTEGER NOT NULL REFERENCES classes (class_id),
    verdict      VARCHAR NOT NULL CHECK (verdict IN ('correct', 'unclear', 'wrong')),
    PRIMARY KEY (label_set, image_number, class_id, verdict)
);

COMMENT ON TABLE image_labels IS 'One row per label set, image, class and verdict';
COMMENT ON COLUMN image_labels.label_set IS 'Labelling the verdict belongs to';
COMMENT ON COLUMN image_labels.image_number IS 'Image (images.image_number)';
COMMENT ON COLUMN image_labels.class_id IS 'Class judged';
COMMENT ON COLUMN image_labels.verdict IS 'correct, unclear or wrong: whether the class is a right label for the image';
