-- mistake_labels: the labels the categoriser's rules weigh a prediction against: each
-- image's correct labels on the analysed label set, and its original label (correct
-- false when the annotators did not confirm it).
create or replace view mistake_labels as
select image_number, class_id, bool_or(correct) as correct
from (
    select image_labels.image_number, image_labels.class_id, true as correct
    from image_labels
    inner join label_sets using (label_set)
    where label_sets.analysed and image_labels.verdict = 'correct'
    union all
    select image_number, label as class_id, false as correct
    from images
) as each_label
group by image_number, class_id;

COMMENT ON VIEW mistake_labels IS 'Each image''s correct labels on the analysed label set and its original label, as the categoriser''s rules read them';
COMMENT ON COLUMN mistake_labels.image_number IS 'Image (images.image_number)';
COMMENT ON COLUMN mistake_labels.class_id IS 'A correct label, or the original label';
COMMENT ON COLUMN mistake_labels.correct IS 'A correct label on the analysed label set (false: the original label, not confirmed)';
