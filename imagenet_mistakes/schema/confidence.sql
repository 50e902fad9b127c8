-- confidence: the level of every interval the database gives (data/intervals.toml)
-- and its two-sided normal quantile, one row. The interval views and named
-- queries read z from here, so the level is set in one place and shown with them.
create or replace view confidence as
select {{ level }}::double as level, {{ z }}::double as z;

COMMENT ON VIEW confidence IS 'The confidence level of every interval (model_metrics, metric_ranks, the compare query), one row';
COMMENT ON COLUMN confidence.level IS 'Confidence level of the intervals, 0.95 as shipped (data/intervals.toml)';
COMMENT ON COLUMN confidence.z IS 'Its two-sided standard normal quantile: 1.96 for 95%';
