-- The local mirror the build read its sources from, or NULL (downloaded), or no row.
select source_dir
from build_info
