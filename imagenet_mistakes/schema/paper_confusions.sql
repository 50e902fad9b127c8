-- paper_confusions: the paper's confused class pairs with class names.
create or replace view paper_confusions as
select
    confusions.class_a,
    a.name as name_a,
    confusions.class_b,
    b.name as name_b,
    confusions.frequency
from confusions
inner join classes as a on a.class_id = confusions.class_a
inner join classes as b on b.class_id = confusions.class_b;

COMMENT ON VIEW paper_confusions IS 'The paper''s confused class pairs with class names';
COMMENT ON COLUMN paper_confusions.class_a IS 'First class, as listed upstream';
COMMENT ON COLUMN paper_confusions.name_a IS 'Its name';
COMMENT ON COLUMN paper_confusions.class_b IS 'Second class';
COMMENT ON COLUMN paper_confusions.name_b IS 'Its name';
COMMENT ON COLUMN paper_confusions.frequency IS 'How many mistakes confused the two';
