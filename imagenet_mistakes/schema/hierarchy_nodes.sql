-- hierarchy_nodes: the WordNet synsets of the 1,000 classes and of their ancestors.
CREATE TABLE IF NOT EXISTS hierarchy_nodes (
    wnid     VARCHAR PRIMARY KEY,
    name     VARCHAR NOT NULL,
    class_id INTEGER UNIQUE REFERENCES classes (class_id)
);

COMMENT ON TABLE hierarchy_nodes IS 'WordNet synsets: the 1,000 classes and every ancestor of one';
COMMENT ON COLUMN hierarchy_nodes.wnid IS 'WordNet id';
COMMENT ON COLUMN hierarchy_nodes.name IS 'Synset name (its lemmas)';
COMMENT ON COLUMN hierarchy_nodes.class_id IS 'The ImageNet class this synset is; NULL for superclasses';
