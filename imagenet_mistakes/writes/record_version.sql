-- Record which package and schema version built the file (build_info holds one row).
delete from build_info;
insert into build_info values ($package, $schema, now());
