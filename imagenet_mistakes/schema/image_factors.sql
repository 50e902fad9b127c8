-- image_factors: every factor of variation ImageNet-X's annotators found in
-- an image (its multi-factor file), one row each, flagged where it is the
-- image's top factor (its top-factor file; two images have none).
-- Non-commercial use only (CC BY-NC 4.0).
CREATE TABLE IF NOT EXISTS image_factors (
    image_number INTEGER NOT NULL REFERENCES imagenet_x_images (image_number),
    factor       VARCHAR NOT NULL,
    top          BOOLEAN NOT NULL,
    PRIMARY KEY (image_number, factor)
);

COMMENT ON TABLE image_factors IS 'ImageNet-X''s factors of variation of each annotated image, one row per image and factor (CC BY-NC 4.0: non-commercial use only)';
COMMENT ON COLUMN image_factors.image_number IS 'Image (imagenet_x_images.image_number)';
COMMENT ON COLUMN image_factors.factor IS 'pose, background, pattern, color, smaller, shape, partial_view, subcategory, texture, larger, darker, object_blocking, person_blocking, style, brighter or multiple_objects';
COMMENT ON COLUMN image_factors.top IS 'The image''s one top factor';
