-- class_problem_pairs: every ordered pair of classes in one of the problem groups of
-- "Flaws of ImageNet", with the group's kinds of problem by name: where a prediction
-- and a label in one group meet, the pair is one they found hard to tell apart.
create or replace view class_problem_pairs as
with

-- Each group's kinds by what they mean, in kind order.
group_kinds as (
    select
        each_kind.problem_group,
        list(problem_kinds.description order by problem_kinds.kind) as kind_descriptions
    from (
        select distinct problem_group, unnest(kinds) as kind
        from class_problem_groups
    ) as each_kind
    inner join problem_kinds using (kind)
    group by each_kind.problem_group
)

select
    a.problem_group,
    a.class_id as class_a,
    class_a.name as name_a,
    b.class_id as class_b,
    class_b.name as name_b,
    a.kinds,
    group_kinds.kind_descriptions
from class_problem_groups as a
inner join class_problem_groups as b
    on b.problem_group = a.problem_group and b.class_id <> a.class_id
inner join classes as class_a on class_a.class_id = a.class_id
inner join classes as class_b on class_b.class_id = b.class_id
inner join group_kinds on group_kinds.problem_group = a.problem_group;

COMMENT ON VIEW class_problem_pairs IS 'Every ordered pair of classes of one Flaws of ImageNet problem group, with the group''s kinds of problem';
COMMENT ON COLUMN class_problem_pairs.problem_group IS 'The group (class_problem_groups.problem_group)';
COMMENT ON COLUMN class_problem_pairs.class_a IS 'A class of the group';
COMMENT ON COLUMN class_problem_pairs.name_a IS 'Its name';
COMMENT ON COLUMN class_problem_pairs.class_b IS 'Another class of the group';
COMMENT ON COLUMN class_problem_pairs.name_b IS 'Its name';
COMMENT ON COLUMN class_problem_pairs.kinds IS 'The group''s kinds of problem (problem_kinds.kind)';
COMMENT ON COLUMN class_problem_pairs.kind_descriptions IS 'What they mean (problem_kinds.description), in kind order';
