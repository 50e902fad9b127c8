-- Every object that `drop schema ... cascade` would drop, as PostgreSQL's own dependency
-- rules decide it (pg_depend): what the schema holds, whatever anywhere depends on that
-- (another schema's view over one of its tables, an index or trigger on one), and the
-- object each of those is an internal part of (a view for its rewrite rule, a table for
-- its row type). Each with its kind and schema-qualified name and the objects it is a part of, so that a
-- message can name the whole object rather than its parts.
with recursive closure (classid, objid) as (
    select 'pg_namespace'::regclass::oid, oid
    from pg_namespace
    where nspname = %(schema)s

    union

    select
        case when inward then d.classid else d.refclassid end,
        case when inward then d.objid else d.refobjid end
    from closure as c
    join pg_depend as d
        on (d.refclassid = c.classid and d.refobjid = c.objid)
        or (d.classid = c.classid and d.objid = c.objid and d.deptype = 'i')
    cross join lateral (select d.refclassid = c.classid and d.refobjid = c.objid as inward) as way
),

final as (
    select
        c.classid,
        c.objid,
        o.type || ' ' || o.identity as description,
        array(
            select array[d.refclassid, d.refobjid]
            from pg_depend as d
            where d.classid = c.classid and d.objid = c.objid and d.deptype in ('i', 'a')
        ) as parts_of
    from closure as c
    cross join lateral pg_identify_object(c.classid, c.objid, 0) as o
    where c.classid <> 'pg_namespace'::regclass
)

select * from final
order by description
