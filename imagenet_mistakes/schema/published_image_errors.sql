-- published_image_errors: images that many published models get wrong, as a
-- source lists them: ETH's common-error lists, up to 1,000 images per error
-- type, each with its most common wrong prediction of that type and how many
-- of ETH's 962 models make it (published_models of source 'eth').
CREATE TABLE IF NOT EXISTS published_image_errors (
    source          VARCHAR NOT NULL,
    error_type      VARCHAR NOT NULL,
    image_number    INTEGER NOT NULL REFERENCES images (image_number),
    original_class  INTEGER NOT NULL CHECK (original_class BETWEEN 0 AND 999),
    predicted_class INTEGER NOT NULL CHECK (predicted_class BETWEEN 0 AND 999),
    models_wrong    INTEGER NOT NULL CHECK (models_wrong > 0),
    UNIQUE (source, error_type, image_number)
);

COMMENT ON TABLE published_image_errors IS 'Images many published models get wrong, per source and error type (ETH''s common-error lists)';
COMMENT ON COLUMN published_image_errors.source IS 'published_models.source';
COMMENT ON COLUMN published_image_errors.error_type IS 'The source''s error type: ETH''s collapsed_mappings, ambiguous, same_superclass, out_of_vocabulary, non_prototypical, common_co_occurrence or not_classified (as the eth_* metrics)';
COMMENT ON COLUMN published_image_errors.image_number IS 'Image (images.image_number)';
COMMENT ON COLUMN published_image_errors.original_class IS 'The image''s original label, as the source gives it';
COMMENT ON COLUMN published_image_errors.predicted_class IS 'The wrong prediction most of those models make, with that error type';
COMMENT ON COLUMN published_image_errors.models_wrong IS 'How many of the source''s published models predict predicted_class on the image, with that error type';
