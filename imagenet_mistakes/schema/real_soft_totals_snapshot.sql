-- real_soft_totals_snapshot: real_soft_totals_live of each model with
-- predictions, stored when it is added (and when `build` carries it into a
-- new file, as ReaL's ratings are reloaded then), so that
-- real_soft_accuracy over every model answers at once.
CREATE TABLE IF NOT EXISTS real_soft_totals_snapshot (
    model          VARCHAR NOT NULL,
    images         BIGINT NOT NULL,
    correct        BIGINT NOT NULL,
    rated_images   BIGINT NOT NULL,
    soft_score_sum DOUBLE NOT NULL
);

COMMENT ON TABLE real_soft_totals_snapshot IS 'real_soft_totals_live stored per model when it is added; real_soft_accuracy reads it';
COMMENT ON COLUMN real_soft_totals_snapshot.model IS 'As real_soft_totals_live.model';
COMMENT ON COLUMN real_soft_totals_snapshot.images IS 'As real_soft_totals_live.images';
COMMENT ON COLUMN real_soft_totals_snapshot.correct IS 'As real_soft_totals_live.correct';
COMMENT ON COLUMN real_soft_totals_snapshot.rated_images IS 'As real_soft_totals_live.rated_images';
COMMENT ON COLUMN real_soft_totals_snapshot.soft_score_sum IS 'As real_soft_totals_live.soft_score_sum';
