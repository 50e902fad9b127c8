-- gives: fine-grained
-- why: "Flaws of ImageNet" groups the prediction with one of the image's labels as
-- classes that non-experts find literally similar, a subclass of the other, or near
-- synonyms.
select
    candidates.image_number,
    candidates.predicted_class,
    'Flaws of ImageNet group ' || class_problem_pairs.problem_group
    || ' puts the prediction with the label ''' || class_problem_pairs.name_a || ''': '
    || lower(array_to_string(class_problem_pairs.kind_descriptions, '; ')) as evidence
from candidates
inner join mistake_labels as labels using (image_number)
inner join class_problem_pairs
    on class_problem_pairs.class_a = labels.class_id
    and class_problem_pairs.class_b = candidates.predicted_class
where list_contains(class_problem_pairs.kinds, 2)
    or list_contains(class_problem_pairs.kinds, 3)
    or list_contains(class_problem_pairs.kinds, 5)
