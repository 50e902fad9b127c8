-- Every loaded source with where it came from and whether its checksum matched.
select
    source_id as source,
    origin,
    location,
    rows,
    case sha256_matches when true then 'ok' when false then 'differs' else 'unknown' end as sha256,
    licence
from sources
order by source_id
