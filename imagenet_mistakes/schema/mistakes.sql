-- mistakes: the paper's manual categorisation of each mistake of ViT-3B and Greedy Soups.
CREATE TABLE IF NOT EXISTS mistakes (
    model           VARCHAR NOT NULL CHECK (regexp_full_match(model, '[a-z0-9_.-]+')),
    image_number    INTEGER NOT NULL REFERENCES images (image_number),
    predicted_class INTEGER NOT NULL REFERENCES classes (class_id),
    category        VARCHAR NOT NULL CHECK (category IN
                        ('fine-grained', 'fine-grained-oov', 'spurious-correlation', 'non-prototypical')),
    category_raw    VARCHAR NOT NULL,
    severity        VARCHAR NOT NULL CHECK (severity IN ('major', 'minor')),
    severity_raw    VARCHAR NOT NULL,
    PRIMARY KEY (model, image_number)
);

COMMENT ON TABLE mistakes IS 'Manually categorised mistakes (Vasudevan et al. 2022), one row per model and image';
COMMENT ON COLUMN mistakes.model IS 'Model that made the mistake (vit3b, greedy_soups); its predictions need not be loaded';
COMMENT ON COLUMN mistakes.image_number IS 'Image (images.image_number)';
COMMENT ON COLUMN mistakes.predicted_class IS 'The model''s top-1 prediction';
COMMENT ON COLUMN mistakes.category IS 'fine-grained, fine-grained-oov (the right class is not in ImageNet), spurious-correlation or non-prototypical';
COMMENT ON COLUMN mistakes.category_raw IS 'Category as spelled upstream';
COMMENT ON COLUMN mistakes.severity IS 'major or minor (upstream Borderline counts as minor, as in the paper)';
COMMENT ON COLUMN mistakes.severity_raw IS 'Severity as spelled upstream: Major, Minor or Borderline';
