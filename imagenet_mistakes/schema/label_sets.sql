-- label_sets: every labelling of the validation images (data/label_sets.toml, as loaded).
CREATE TABLE IF NOT EXISTS label_sets (
    label_set   VARCHAR PRIMARY KEY,
    description VARCHAR NOT NULL,
    source      VARCHAR NOT NULL REFERENCES sources (source_id),
    scope       VARCHAR NOT NULL,
    analysed    BOOLEAN NOT NULL,
    combines    VARCHAR[]
);

COMMENT ON TABLE label_sets IS 'Labellings of the validation images: original, multilabel_v3, real, ...';
COMMENT ON COLUMN label_sets.label_set IS 'Name of the labelling';
COMMENT ON COLUMN label_sets.description IS 'What the labelling is';
COMMENT ON COLUMN label_sets.source IS 'Source it was loaded from (sources.source_id)';
COMMENT ON COLUMN label_sets.scope IS 'Rule for the images its metrics count: labelled (those it labels) or annotated_not_problematic';
COMMENT ON COLUMN label_sets.analysed IS 'The paper''s mistake analysis (categorised mistakes, ImageNet-M, every model''s mistakes) uses this label set; true for exactly one';
COMMENT ON COLUMN label_sets.combines IS 'The label sets (studies) a consolidated label set was made from; NULL for the others';
