-- class_ancestors: every WordNet ancestor of each class, with its distance in is-a steps.
-- The graph is a DAG, so an ancestor reachable along several paths gets the
-- shortest. The class itself is listed at distance 0. (UNION ALL follows
-- every path, which terminates in a DAG; Spark allows no other recursion.)
create or replace view class_ancestors as
with recursive

up (class_id, ancestor, distance) as (
    select class_id, wnid, 0
    from hierarchy_nodes
    where class_id is not null
    union all
    select up.class_id, hierarchy_edges.parent, up.distance + 1
    from up
    inner join hierarchy_edges on hierarchy_edges.child = up.ancestor
),

final as (
    select class_id, ancestor, min(distance) as distance
    from up
    group by class_id, ancestor
)

select * from final;

COMMENT ON VIEW class_ancestors IS 'Each class with each of its WordNet ancestors (and itself at distance 0), at the shortest is-a distance';
COMMENT ON COLUMN class_ancestors.class_id IS 'Class';
COMMENT ON COLUMN class_ancestors.ancestor IS 'wnid of an ancestor synset (hierarchy_nodes.wnid)';
COMMENT ON COLUMN class_ancestors.distance IS 'Is-a steps from the class up to the ancestor, along the shortest path';
