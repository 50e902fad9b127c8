-- paper_metrics_snapshot: the metrics of the paper's models as their mistakes table gives
-- them (model_metrics_live, evaluated from the mistakes table), stored by `build`, which
-- loads that table: the leaderboard then reads stored rows only (13 ms instead of 35 ms
-- with 69 models). A model of the same name added with predictions hides its rows
-- (model_metrics); `query integrity` compares them with the live view.
CREATE TABLE IF NOT EXISTS paper_metrics_snapshot (
    model    VARCHAR NOT NULL,
    metric   VARCHAR NOT NULL REFERENCES metrics (metric),
    value    DOUBLE,
    variance DOUBLE,
    hits     BIGINT,
    images   BIGINT,
    classes  BIGINT NOT NULL,
    PRIMARY KEY (model, metric)
);

COMMENT ON TABLE paper_metrics_snapshot IS 'model_metrics_live of the paper''s models without predictions (from the mistakes table), stored by build; model_metrics reads it';
COMMENT ON COLUMN paper_metrics_snapshot.model IS 'As model_metrics.model';
COMMENT ON COLUMN paper_metrics_snapshot.metric IS 'As model_metrics.metric';
COMMENT ON COLUMN paper_metrics_snapshot.value IS 'As model_metrics.value';
COMMENT ON COLUMN paper_metrics_snapshot.variance IS 'As model_metrics_live.variance';
COMMENT ON COLUMN paper_metrics_snapshot.hits IS 'As model_metrics.hits';
COMMENT ON COLUMN paper_metrics_snapshot.images IS 'As model_metrics.images';
COMMENT ON COLUMN paper_metrics_snapshot.classes IS 'As model_metrics.classes';
