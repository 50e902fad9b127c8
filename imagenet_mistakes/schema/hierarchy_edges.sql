-- hierarchy_edges: WordNet's is-a edges between the hierarchy nodes.
CREATE TABLE IF NOT EXISTS hierarchy_edges (
    parent VARCHAR NOT NULL REFERENCES hierarchy_nodes (wnid),
    child  VARCHAR NOT NULL REFERENCES hierarchy_nodes (wnid),
    PRIMARY KEY (parent, child)
);

COMMENT ON TABLE hierarchy_edges IS 'WordNet is-a edges between the nodes (a DAG: some classes have two parents)';
COMMENT ON COLUMN hierarchy_edges.parent IS 'The more general synset';
COMMENT ON COLUMN hierarchy_edges.child IS 'The more specific synset';
