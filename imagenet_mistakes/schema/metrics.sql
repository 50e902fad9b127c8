-- metrics: every metric of the leaderboard (data/metrics.toml, as built), one row each.
-- The metric views join it: a metric is this row plus an aggregate of image_results.
CREATE TABLE IF NOT EXISTS metrics (
    metric         VARCHAR PRIMARY KEY,
    position       INTEGER NOT NULL UNIQUE,
    name           VARCHAR NOT NULL UNIQUE,
    description    VARCHAR NOT NULL,
    label_set      VARCHAR NOT NULL REFERENCES label_sets (label_set),
    hit            VARCHAR NOT NULL,
    scope          VARCHAR NOT NULL,
    aggregate      VARCHAR NOT NULL,
    direction      VARCHAR NOT NULL,
    images_column  VARCHAR,
    classes_column VARCHAR
);

COMMENT ON TABLE metrics IS 'The metrics: what each counts and how, one row per metric';
COMMENT ON COLUMN metrics.metric IS 'Stable metric id, also its leaderboard column (top1, mla, ...)';
COMMENT ON COLUMN metrics.position IS 'Display order';
COMMENT ON COLUMN metrics.name IS 'Name shown to people (top-1, multi-label (per class), ...)';
COMMENT ON COLUMN metrics.description IS 'What the metric measures';
COMMENT ON COLUMN metrics.label_set IS 'Label set judging the predictions';
COMMENT ON COLUMN metrics.hit IS 'image_results column that makes an image count as right: correct, correct_or_unclear or top5_correct';
COMMENT ON COLUMN metrics.scope IS 'Images counted: label_set (the label set''s scope) or imagenet_m';
COMMENT ON COLUMN metrics.aggregate IS 'image (hits / images), class (mean over original classes of hits / images) or count (hits)';
COMMENT ON COLUMN metrics.direction IS 'higher or lower: which value is better';
COMMENT ON COLUMN metrics.images_column IS 'Leaderboard column with the images it counts, if any';
COMMENT ON COLUMN metrics.classes_column IS 'Leaderboard column with the classes it averages over, if any';
