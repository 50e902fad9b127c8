-- build_info: which package and schema version wrote the file; every command checks it on open.
CREATE TABLE IF NOT EXISTS build_info (
    package_version VARCHAR NOT NULL,
    schema_version  VARCHAR NOT NULL CHECK (regexp_full_match(schema_version, '[0-9a-f]{16}')),
    built_at        TIMESTAMPTZ NOT NULL,
    source_dir      VARCHAR
);

COMMENT ON TABLE build_info IS 'The imagenet-mistakes version that built the file, one row';
COMMENT ON COLUMN build_info.package_version IS 'Version of the imagenet-mistakes package that ran build';
COMMENT ON COLUMN build_info.schema_version IS 'Hash of the schema the file was built with; a package with another schema asks for a rebuild';
COMMENT ON COLUMN build_info.built_at IS 'When build wrote the file';
COMMENT ON COLUMN build_info.source_dir IS 'The local mirror the sources were read from (--source-dir); NULL when downloaded. add-zoo and add-model --from-paper read from it too unless told otherwise';
