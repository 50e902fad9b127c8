-- class_metaclasses: ImageNet-X's metaclass of each class. Its evaluation
-- keeps 16 metaclasses by name and counts the others as one, "other"
-- (imagenet_x.utils.METACLASSES); both are kept. Non-commercial use only
-- (CC BY-NC 4.0).
CREATE TABLE IF NOT EXISTS class_metaclasses (
    class_id            INTEGER PRIMARY KEY REFERENCES classes (class_id),
    metaclass           VARCHAR NOT NULL,
    fine_metaclass      VARCHAR NOT NULL,
    fine_metaclass_wnid VARCHAR NOT NULL
);

COMMENT ON TABLE class_metaclasses IS 'ImageNet-X''s metaclass of each class (CC BY-NC 4.0: non-commercial use only)';
COMMENT ON COLUMN class_metaclasses.class_id IS 'Class';
COMMENT ON COLUMN class_metaclasses.metaclass IS 'The metaclass ImageNet-X evaluates by: one of its 16 named (device, dog, bird, ...) or other';
COMMENT ON COLUMN class_metaclasses.fine_metaclass IS 'Its metaclass of 100 (fish, dog, ungulate, ...)';
COMMENT ON COLUMN class_metaclasses.fine_metaclass_wnid IS 'The WordNet id of that metaclass';
