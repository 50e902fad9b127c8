-- accepted_labels: the classes each label set accepts for each image, once each.
-- 'wrong' verdicts never make a prediction right, and a class that is both
-- 'correct' and 'unclear' (or 'wrong') upstream counts as correct, as in the
-- TFDS evaluation loop.
create or replace view accepted_labels as
select label_set, image_number, class_id, bool_or(verdict = 'correct') as correct
from image_labels
where verdict in ('correct', 'unclear')
group by label_set, image_number, class_id;

COMMENT ON VIEW accepted_labels IS 'The classes each label set accepts for each image (correct or unclear), one row each';
COMMENT ON COLUMN accepted_labels.label_set IS 'Label set';
COMMENT ON COLUMN accepted_labels.image_number IS 'Image (images.image_number)';
COMMENT ON COLUMN accepted_labels.class_id IS 'An accepted class';
COMMENT ON COLUMN accepted_labels.correct IS 'A correct label (else only unclear)';
