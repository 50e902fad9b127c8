-- published_precision: how precisely each source of published results writes its
-- numbers (data/published_precision.toml, as built). published_standing counts a
-- result as better only by more than half a unit.
CREATE TABLE IF NOT EXISTS published_precision (
    source     VARCHAR PRIMARY KEY,
    unit       DOUBLE NOT NULL CHECK (unit > 0 AND unit < 0.01),
    written_as VARCHAR NOT NULL
);

COMMENT ON TABLE published_precision IS 'Each source of published results with the unit of its last published digit';
COMMENT ON COLUMN published_precision.source IS 'Who published the results (published_results.source)';
COMMENT ON COLUMN published_precision.unit IS 'The value of the last digit it writes, as a fraction: values within half of it are ties';
COMMENT ON COLUMN published_precision.written_as IS 'How the source writes its numbers';
