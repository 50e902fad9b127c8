-- class_problem_groups: the groups of classes "Flaws of ImageNet" found hard to tell
-- apart, one row per class of a group, with the group's kinds of problem.
CREATE TABLE IF NOT EXISTS class_problem_groups (
    problem_group INTEGER NOT NULL,
    class_id      INTEGER NOT NULL REFERENCES classes (class_id),
    name          VARCHAR NOT NULL,
    kinds         INTEGER[] NOT NULL,
    PRIMARY KEY (problem_group, class_id)
);

COMMENT ON TABLE class_problem_groups IS 'Groups of classes hard to tell apart, from Flaws of ImageNet (no licence published): one row per class of a group';
COMMENT ON COLUMN class_problem_groups.problem_group IS 'The group, numbered from 1 in the order of clusters.json';
COMMENT ON COLUMN class_problem_groups.class_id IS 'A class of the group';
COMMENT ON COLUMN class_problem_groups.name IS 'The class as the group names it';
COMMENT ON COLUMN class_problem_groups.kinds IS 'The group''s kinds of problem (problem_kinds.kind)';
