-- factor_counts_snapshot: factor_counts_live of each model with predictions,
-- stored when it is added (and when `build` carries it into a new file, as
-- the ImageNet-X tables are rebuilt then), so that the factor views of every
-- model, and the spread of a factor's error ratio over the file's models,
-- answer at once. Non-commercial use only (CC BY-NC 4.0).
CREATE TABLE IF NOT EXISTS factor_counts_snapshot (
    model       VARCHAR NOT NULL,
    selection   VARCHAR NOT NULL,
    reading     VARCHAR NOT NULL,
    factor      VARCHAR NOT NULL,
    images      BIGINT NOT NULL,
    correct     BIGINT NOT NULL,
    all_images  BIGINT NOT NULL,
    all_correct BIGINT NOT NULL
);

COMMENT ON TABLE factor_counts_snapshot IS 'factor_counts_live stored per model when it is added; factor_accuracy reads it (CC BY-NC 4.0 annotations: non-commercial use only)';
COMMENT ON COLUMN factor_counts_snapshot.model IS 'As factor_counts_live.model';
COMMENT ON COLUMN factor_counts_snapshot.selection IS 'As factor_counts_live.selection';
COMMENT ON COLUMN factor_counts_snapshot.reading IS 'As factor_counts_live.reading';
COMMENT ON COLUMN factor_counts_snapshot.factor IS 'As factor_counts_live.factor';
COMMENT ON COLUMN factor_counts_snapshot.images IS 'As factor_counts_live.images';
COMMENT ON COLUMN factor_counts_snapshot.correct IS 'As factor_counts_live.correct';
COMMENT ON COLUMN factor_counts_snapshot.all_images IS 'As factor_counts_live.all_images';
COMMENT ON COLUMN factor_counts_snapshot.all_correct IS 'As factor_counts_live.all_correct';
