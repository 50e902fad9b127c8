-- The package and schema version that built the file, or no row.
select package_version, schema_version
from build_info
