-- metaclass_counts_snapshot: metaclass_counts_live of each model with
-- predictions, stored when it is added (and when `build` carries it into a
-- new file), so that metaclass_accuracy over every model answers at once.
-- Non-commercial use only (CC BY-NC 4.0).
CREATE TABLE IF NOT EXISTS metaclass_counts_snapshot (
    model     VARCHAR NOT NULL,
    reading   VARCHAR NOT NULL,
    metaclass VARCHAR NOT NULL,
    images    BIGINT NOT NULL,
    correct   BIGINT NOT NULL
);

COMMENT ON TABLE metaclass_counts_snapshot IS 'metaclass_counts_live stored per model when it is added; metaclass_accuracy reads it (CC BY-NC 4.0 annotations: non-commercial use only)';
COMMENT ON COLUMN metaclass_counts_snapshot.model IS 'As metaclass_counts_live.model';
COMMENT ON COLUMN metaclass_counts_snapshot.reading IS 'As metaclass_counts_live.reading';
COMMENT ON COLUMN metaclass_counts_snapshot.metaclass IS 'As metaclass_counts_live.metaclass';
COMMENT ON COLUMN metaclass_counts_snapshot.images IS 'As metaclass_counts_live.images';
COMMENT ON COLUMN metaclass_counts_snapshot.correct IS 'As metaclass_counts_live.correct';
