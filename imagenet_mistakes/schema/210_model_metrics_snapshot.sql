-- model_metrics_snapshot: model_metrics of each model, stored when the model is added.
-- Written in the transaction that adds the model (and again when `build`
-- carries models into a new database), so it always matches its predictions.
create table if not exists model_metrics_snapshot as
select * from model_metrics
where false;

COMMENT ON TABLE model_metrics_snapshot IS 'model_metrics stored per model when it is added; the leaderboard reads it';
COMMENT ON COLUMN model_metrics_snapshot.model IS 'As leaderboard.model';
COMMENT ON COLUMN model_metrics_snapshot.top1 IS 'As leaderboard.top1';
COMMENT ON COLUMN model_metrics_snapshot.top5 IS 'As leaderboard.top5';
COMMENT ON COLUMN model_metrics_snapshot.real IS 'As leaderboard.real';
COMMENT ON COLUMN model_metrics_snapshot.mla IS 'As leaderboard.mla';
COMMENT ON COLUMN model_metrics_snapshot.mla_micro IS 'As leaderboard.mla_micro';
COMMENT ON COLUMN model_metrics_snapshot.mla_strict IS 'As leaderboard.mla_strict';
COMMENT ON COLUMN model_metrics_snapshot.imagenet_m_correct IS 'As leaderboard.imagenet_m_correct';
COMMENT ON COLUMN model_metrics_snapshot.imagenet_m_total IS 'As leaderboard.imagenet_m_total';
COMMENT ON COLUMN model_metrics_snapshot.images IS 'As leaderboard.images';
COMMENT ON COLUMN model_metrics_snapshot.real_images IS 'As leaderboard.real_images';
COMMENT ON COLUMN model_metrics_snapshot.mla_images IS 'As leaderboard.mla_images';
COMMENT ON COLUMN model_metrics_snapshot.mla_classes IS 'As leaderboard.mla_classes';
