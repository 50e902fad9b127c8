-- images: the 50,000 ILSVRC-2012 validation images with their original label.
-- Other tables name an image by its number, not its file name: joining
-- millions of prediction rows on an integer takes half the time of a string,
-- and views that show images to people show the file name too.
CREATE TABLE IF NOT EXISTS images (
    image_number INTEGER PRIMARY KEY CHECK (image_number BETWEEN 1 AND 50000),
    file_name    VARCHAR NOT NULL UNIQUE
                 CHECK (file_name = printf('ILSVRC2012_val_%08d.JPEG', image_number)),
    label        INTEGER NOT NULL REFERENCES classes (class_id)
);

COMMENT ON TABLE images IS 'The 50,000 ImageNet validation images';
COMMENT ON COLUMN images.file_name IS 'Image name, ILSVRC2012_val_XXXXXXXX.JPEG';
COMMENT ON COLUMN images.image_number IS 'The XXXXXXXX of the name, 1..50000; how every other table names the image';
COMMENT ON COLUMN images.label IS 'Original ImageNet label (class id)';
