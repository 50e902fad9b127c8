-- published_results: every published number, long: one row per source, model,
-- benchmark and metric. On the validation images (benchmark imagenet) a
-- metric that is one of ours has our metric id (top1, top5, real, mla,
-- imagenet_m_correct), so it lines up with the leaderboard.
CREATE TABLE IF NOT EXISTS published_results (
    source    VARCHAR NOT NULL,
    model     VARCHAR NOT NULL,
    image_size INTEGER CHECK (image_size > 0),
    benchmark VARCHAR NOT NULL,
    metric    VARCHAR NOT NULL,
    value     DOUBLE NOT NULL,
    images    INTEGER CHECK (images > 0),
    UNIQUE (source, model, image_size, benchmark, metric)
);

COMMENT ON TABLE published_results IS 'Published results of other models, one row per source, model (and resolution), benchmark and metric';
COMMENT ON COLUMN published_results.source IS 'published_models.source';
COMMENT ON COLUMN published_results.model IS 'published_models.model';
COMMENT ON COLUMN published_results.image_size IS 'published_models.image_size: the resolution evaluated, where given';
COMMENT ON COLUMN published_results.benchmark IS 'The images evaluated: imagenet (the validation set), imagenet-multilabel-organism/-artifact/-other (ETH''s subsets of the 18,692), or another test set or setting (imagenet-a, imagenet-sketch, the testbed''s 213, ...)';
COMMENT ON COLUMN published_results.metric IS 'Our metric id where the metric is ours (top1, top5, real, mla, imagenet_m_correct); else the source''s, as top1/top5 of another set, real_top5, or eth_* (ETH''s error-type counts and accuracies)';
COMMENT ON COLUMN published_results.value IS 'A fraction in [0, 1] for accuracies (published percentages / 100), a count for counts';
COMMENT ON COLUMN published_results.images IS 'Images the metric counted, where known';
