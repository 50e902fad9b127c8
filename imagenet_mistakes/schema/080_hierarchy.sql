-- hierarchy_nodes and hierarchy_edges: WordNet's is-a graph over the 1,000 classes and their ancestors.
CREATE TABLE IF NOT EXISTS hierarchy_nodes (
    wnid     VARCHAR PRIMARY KEY,
    name     VARCHAR NOT NULL,
    class_id INTEGER UNIQUE REFERENCES classes (class_id)
);

COMMENT ON TABLE hierarchy_nodes IS 'WordNet synsets: the 1,000 classes and every ancestor of one';
COMMENT ON COLUMN hierarchy_nodes.wnid IS 'WordNet id';
COMMENT ON COLUMN hierarchy_nodes.name IS 'Synset name (its lemmas)';
COMMENT ON COLUMN hierarchy_nodes.class_id IS 'The ImageNet class this synset is; NULL for superclasses';

CREATE TABLE IF NOT EXISTS hierarchy_edges (
    parent VARCHAR NOT NULL REFERENCES hierarchy_nodes (wnid),
    child  VARCHAR NOT NULL REFERENCES hierarchy_nodes (wnid),
    PRIMARY KEY (parent, child)
);

COMMENT ON TABLE hierarchy_edges IS 'WordNet is-a edges between the nodes (a DAG: some classes have two parents)';
COMMENT ON COLUMN hierarchy_edges.parent IS 'The more general synset';
COMMENT ON COLUMN hierarchy_edges.child IS 'The more specific synset';
