-- mistake_factor_counts_snapshot: mistake_factor_counts_live of each model
-- with predictions, stored when it is added (and when `build` carries it
-- into a new file), so that mistake_factor_shares, which sets every model
-- against all the others, answers at once. Non-commercial use only (CC BY-NC
-- 4.0).
CREATE TABLE IF NOT EXISTS mistake_factor_counts_snapshot (
    model        VARCHAR NOT NULL,
    factor       VARCHAR NOT NULL,
    mistakes     BIGINT NOT NULL,
    all_mistakes BIGINT NOT NULL
);

COMMENT ON TABLE mistake_factor_counts_snapshot IS 'mistake_factor_counts_live stored per model with predictions when it is added; mistake_factor_shares reads it (CC BY-NC 4.0 annotations: non-commercial use only)';
COMMENT ON COLUMN mistake_factor_counts_snapshot.model IS 'As mistake_factor_counts_live.model';
COMMENT ON COLUMN mistake_factor_counts_snapshot.factor IS 'As mistake_factor_counts_live.factor';
COMMENT ON COLUMN mistake_factor_counts_snapshot.mistakes IS 'As mistake_factor_counts_live.mistakes';
COMMENT ON COLUMN mistake_factor_counts_snapshot.all_mistakes IS 'As mistake_factor_counts_live.all_mistakes';
