-- imagenet_x_images: the validation images ImageNet-X annotated (Idrissi et
-- al. 2023; 48,868), with the annotator's words. Non-commercial use only
-- (CC BY-NC 4.0, see sources). ImageNet-X's evaluation leaves out the
-- prototypical ones (load_annotations(filter_prototypes=True)), so the views
-- that follow it do too.
CREATE TABLE IF NOT EXISTS imagenet_x_images (
    image_number  INTEGER PRIMARY KEY REFERENCES images (image_number),
    prototypical  BOOLEAN NOT NULL,
    justification VARCHAR,
    one_word      VARCHAR
);

COMMENT ON TABLE imagenet_x_images IS 'The validation images ImageNet-X annotated with factors of variation (CC BY-NC 4.0: non-commercial use only)';
COMMENT ON COLUMN imagenet_x_images.image_number IS 'Image (images.image_number)';
COMMENT ON COLUMN imagenet_x_images.prototypical IS 'Listed in ImageNet-X''s prototypical_paths.csv: its evaluation leaves the image out';
COMMENT ON COLUMN imagenet_x_images.justification IS 'The annotator''s sentence on what makes the image differ from the class''s prototypes (NULL for a few)';
COMMENT ON COLUMN imagenet_x_images.one_word IS 'The annotator''s few words for it (NULL for a few)';
