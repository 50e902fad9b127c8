-- imagenet_variants: ImageNet's variants under a distribution shift
-- (data/variants.toml, as built), by their benchmark id in published_results.
CREATE TABLE IF NOT EXISTS imagenet_variants (
    benchmark   VARCHAR PRIMARY KEY,
    title       VARCHAR NOT NULL,
    description VARCHAR NOT NULL
);

COMMENT ON TABLE imagenet_variants IS 'Test sets of ImageNet''s classes under a distribution shift (ImageNetV2, -Sketch, -R, -A, ObjectNet, -O) on which sources publish top-1';
COMMENT ON COLUMN imagenet_variants.benchmark IS 'Benchmark id in published_results (the imagenet-testbed''s name)';
COMMENT ON COLUMN imagenet_variants.title IS 'Its usual name';
COMMENT ON COLUMN imagenet_variants.description IS 'What its images are';
