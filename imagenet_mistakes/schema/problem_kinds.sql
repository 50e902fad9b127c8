-- problem_kinds: what each kind of problem of a group of classes means, as "Flaws of
-- ImageNet" defines them (CATEGORIES.md).
CREATE TABLE IF NOT EXISTS problem_kinds (
    kind        INTEGER PRIMARY KEY,
    description VARCHAR NOT NULL,
    examples    VARCHAR NOT NULL
);

COMMENT ON TABLE problem_kinds IS 'The kinds of problem a group of classes may have, as Flaws of ImageNet defines them (no licence published)';
COMMENT ON COLUMN problem_kinds.kind IS 'Its number in Flaws of ImageNet (1 to 6)';
COMMENT ON COLUMN problem_kinds.description IS 'What it means, e.g. Literally similar for non-experts';
COMMENT ON COLUMN problem_kinds.examples IS 'Their examples, e.g. husky, malamute';
