-- model_metrics_snapshot: model_metrics_live of each model with predictions, stored when it is added.
-- Written in the transaction that adds the model (and again when `build`
-- carries models into a new database), so it always matches its predictions.
CREATE TABLE IF NOT EXISTS model_metrics_snapshot (
    model    VARCHAR NOT NULL,
    metric   VARCHAR NOT NULL REFERENCES metrics (metric),
    value    DOUBLE,
    variance DOUBLE,
    hits     BIGINT,
    images   BIGINT,
    classes  BIGINT NOT NULL,
    PRIMARY KEY (model, metric)
);

COMMENT ON TABLE model_metrics_snapshot IS 'model_metrics_live stored per model when it is added; model_metrics reads it';
COMMENT ON COLUMN model_metrics_snapshot.model IS 'As model_metrics.model';
COMMENT ON COLUMN model_metrics_snapshot.metric IS 'As model_metrics.metric';
COMMENT ON COLUMN model_metrics_snapshot.value IS 'As model_metrics.value';
COMMENT ON COLUMN model_metrics_snapshot.variance IS 'As model_metrics_live.variance';
COMMENT ON COLUMN model_metrics_snapshot.hits IS 'As model_metrics.hits';
COMMENT ON COLUMN model_metrics_snapshot.images IS 'As model_metrics.images';
COMMENT ON COLUMN model_metrics_snapshot.classes IS 'As model_metrics.classes';
