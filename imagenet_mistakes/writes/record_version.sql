-- Record which package and schema version built the file, and from which mirror (build_info holds one row).
delete from build_info;
insert into build_info (package_version, schema_version, built_at, source_dir)
values ($package, $schema, now(), $source_dir);
