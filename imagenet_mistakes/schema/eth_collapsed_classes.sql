-- eth_collapsed_classes: ETH's collapsed class mappings (Peychev et al. 2023,
-- src/utils.py at d32916d2): a top-1 of also_correct on an image of class_id
-- is the same class to them, not an error. From data/eth_collapsed_classes.csv.
CREATE TABLE IF NOT EXISTS eth_collapsed_classes (
    class_id     INTEGER NOT NULL REFERENCES classes (class_id),
    also_correct INTEGER NOT NULL REFERENCES classes (class_id),
    PRIMARY KEY (class_id, also_correct)
);

COMMENT ON TABLE eth_collapsed_classes IS 'ETH''s collapsed class mappings: predicting also_correct on an image of class_id is not an error to them';
COMMENT ON COLUMN eth_collapsed_classes.class_id IS 'The image''s original label';
COMMENT ON COLUMN eth_collapsed_classes.also_correct IS 'A class ETH count as the same (sunglass for sunglasses) or as containing it (Eskimo dog for Siberian husky)';
