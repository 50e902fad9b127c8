-- published_models: models whose results others published (timm's results
-- tables, ETH's error analysis, the imagenet-testbed, OpenCLIP, ImageNet-X), as
-- each names them.
-- A name is the source's: the same name in two sources, or in a source and
-- this file, need not be the same weights.
CREATE TABLE IF NOT EXISTS published_models (
    source        VARCHAR NOT NULL,
    model         VARCHAR NOT NULL,
    architecture  VARCHAR,
    parameters    BIGINT CHECK (parameters > 0),
    training_data VARCHAR,
    image_size    INTEGER CHECK (image_size > 0),
    family        VARCHAR CHECK (family in ('trained', 'zero-shot')),
    -- timm evaluates some models at several resolutions: a row each.
    UNIQUE (source, model, image_size)
);

COMMENT ON TABLE published_models IS 'Models with published results (timm, eth, testbed, openclip, imagenet_x), one row per source, model and evaluated resolution';
COMMENT ON COLUMN published_models.source IS 'Who published the results: timm (pytorch-image-models results/), eth (automated-error-analysis), testbed (imagenet-testbed), openclip (OpenCLIP''s zero-shot results), imagenet_x (ImageNet-X''s per-factor accuracies)';
COMMENT ON COLUMN published_models.model IS 'The model as its source names it (timm: architecture.pretrained_tag; eth: source--name)';
COMMENT ON COLUMN published_models.architecture IS 'Architecture, where the source gives it';
COMMENT ON COLUMN published_models.parameters IS 'Number of parameters, where the source gives it';
COMMENT ON COLUMN published_models.training_data IS 'Pretraining data as the source words it (timm: in1k, in22k, ...; eth: ImageNet-1k (1.2M), ...; openclip: its pretrained tag, laion2b_s34b_b79k, openai, ...)';
COMMENT ON COLUMN published_models.image_size IS 'Input resolution of the published evaluation, where given (timm lists some models at several)';
COMMENT ON COLUMN published_models.family IS 'How it classifies ImageNet, as its source says: trained (on ImageNet''s labels, or fine-tuned on them: timm''s and ETH''s classifiers, the testbed''s other models) or zero-shot (a text prompt per class: OpenCLIP''s, the testbed''s *_zeroshot); NULL where the source does not say (ImageNet-X)';
