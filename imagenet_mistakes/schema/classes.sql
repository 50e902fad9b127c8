-- classes: the 1,000 ImageNet classes, ids in sorted-wnid order (TFDS, torchvision).
CREATE TABLE IF NOT EXISTS classes (
    class_id INTEGER PRIMARY KEY CHECK (class_id BETWEEN 0 AND 999),
    wnid     VARCHAR NOT NULL UNIQUE CHECK (regexp_full_match(wnid, 'n[0-9]{8}')),
    name     VARCHAR NOT NULL,
    synonyms VARCHAR NOT NULL,
    gloss    VARCHAR NOT NULL
);

COMMENT ON TABLE classes IS 'The 1,000 ImageNet classes';
COMMENT ON COLUMN classes.class_id IS 'Class id 0..999 in sorted-wnid order (the TFDS and torchvision order)';
COMMENT ON COLUMN classes.wnid IS 'WordNet id, e.g. n01440764';
COMMENT ON COLUMN classes.name IS 'First lemma of the synset, e.g. tench';
COMMENT ON COLUMN classes.synonyms IS 'All lemmas of the synset, comma-separated';
COMMENT ON COLUMN classes.gloss IS 'WordNet definition';
