-- images: the 50,000 ILSVRC-2012 validation images with their original label.
CREATE TABLE IF NOT EXISTS images (
    file_name    VARCHAR PRIMARY KEY
                 CHECK (file_name = printf('ILSVRC2012_val_%08d.JPEG', image_number)),
    image_number INTEGER NOT NULL UNIQUE CHECK (image_number BETWEEN 1 AND 50000),
    label        INTEGER NOT NULL REFERENCES classes (class_id)
);

COMMENT ON TABLE images IS 'The 50,000 ImageNet validation images';
COMMENT ON COLUMN images.file_name IS 'Image name, ILSVRC2012_val_XXXXXXXX.JPEG';
COMMENT ON COLUMN images.image_number IS 'The XXXXXXXX of the name, 1..50000';
COMMENT ON COLUMN images.label IS 'Original ImageNet label (class id)';
