-- image_flags: which images each evaluation counts, one row per validation image.
CREATE TABLE IF NOT EXISTS image_flags (
    image_number         INTEGER PRIMARY KEY REFERENCES images (image_number),
    multilabel_annotated BOOLEAN NOT NULL,
    problematic          BOOLEAN,
    imagenet_m           BOOLEAN,
    real_excluded        BOOLEAN NOT NULL,
    CHECK ((problematic IS NULL) = (NOT multilabel_annotated)),
    CHECK (NOT imagenet_m OR multilabel_annotated)
);

COMMENT ON TABLE image_flags IS 'Per-image evaluation flags';
COMMENT ON COLUMN image_flags.image_number IS 'Image (images.image_number)';
COMMENT ON COLUMN image_flags.multilabel_annotated IS 'Whether multilabel_v3 annotates the image (20,000 do)';
COMMENT ON COLUMN image_flags.problematic IS 'Experts flagged the annotated image problematic (wrong or unclear original label, drawing, edited, inappropriate); multi-label accuracy ignores it. NULL when not annotated';
COMMENT ON COLUMN image_flags.imagenet_m IS 'In the 68-image ImageNet-M split; NULL for every image when the multi-label source had no ImageNet-M list (unknown, not false)';
COMMENT ON COLUMN image_flags.real_excluded IS 'ReaL gives no label (an empty list): ReaL accuracy ignores the image';
