-- confusions: class pairs the paper found confused, with how often.
CREATE TABLE IF NOT EXISTS confusions (
    source    VARCHAR NOT NULL REFERENCES sources (source_id),
    class_a   INTEGER NOT NULL REFERENCES classes (class_id),
    class_b   INTEGER NOT NULL REFERENCES classes (class_id),
    frequency INTEGER NOT NULL CHECK (frequency >= 1),
    PRIMARY KEY (source, class_a, class_b)
);

COMMENT ON TABLE confusions IS 'Confused class pairs with their frequency';
COMMENT ON COLUMN confusions.source IS 'Source of the pairs (sources.source_id)';
COMMENT ON COLUMN confusions.class_a IS 'First class of the pair, as listed upstream';
COMMENT ON COLUMN confusions.class_b IS 'Second class of the pair';
COMMENT ON COLUMN confusions.frequency IS 'How many mistakes confused the two classes';
