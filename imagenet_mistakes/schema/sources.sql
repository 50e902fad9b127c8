-- sources: where every loaded row came from (provenance of one build or model load).
CREATE TABLE IF NOT EXISTS sources (
    source_id      VARCHAR PRIMARY KEY,
    description    VARCHAR NOT NULL,
    location       VARCHAR NOT NULL,
    origin         VARCHAR NOT NULL
                   CHECK (origin IN ('download', 'cache', 'mirror', 'package', 'user')),
    sha256         VARCHAR CHECK (regexp_full_match(sha256, '[0-9a-f]{64}')),
    sha256_matches BOOLEAN,
    licence        VARCHAR NOT NULL,
    citation       VARCHAR NOT NULL,
    rows           BIGINT NOT NULL CHECK (rows >= 0),
    note           VARCHAR,
    loaded_at      TIMESTAMPTZ NOT NULL
);

COMMENT ON TABLE sources IS 'Provenance of every loaded source: what was read, from where, and how it checked';
COMMENT ON COLUMN sources.source_id IS 'Manifest id of the source (data/sources.toml)';
COMMENT ON COLUMN sources.description IS 'What the source holds';
COMMENT ON COLUMN sources.location IS 'URL it was downloaded from, or the local path that was read';
COMMENT ON COLUMN sources.origin IS 'download, cache (an earlier download), mirror (--source-dir), package (shipped in a Python package) or user (a path given on the command line)';
COMMENT ON COLUMN sources.sha256 IS 'sha256 of the bytes that were read; NULL for a directory source';
COMMENT ON COLUMN sources.sha256_matches IS 'Whether sha256 equals the manifest''s; NULL when the manifest has no checksum for it';
COMMENT ON COLUMN sources.licence IS 'Licence of the source';
COMMENT ON COLUMN sources.citation IS 'What to cite when using it';
COMMENT ON COLUMN sources.rows IS 'Rows loaded from it, over all tables';
COMMENT ON COLUMN sources.note IS 'Fallbacks taken and what the source lacks, in words';
COMMENT ON COLUMN sources.loaded_at IS 'When it was loaded';
