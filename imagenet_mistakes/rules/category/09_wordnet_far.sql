-- gives: fine-grained-oov
-- why: every label of the image is at least 5 WordNet is-a steps from the prediction
-- while ReaL's raters did not reject it (rule real_rejected comes first): the model
-- named a look-alike of an object none of ImageNet's classes describe. (5 steps: the
-- best out-of-vocabulary F1 on ViT-3B's verdicts among 4 to 6.)
select
    candidates.image_number,
    candidates.predicted_class,
    'every label of the image is at least ' || min(greatest(predicted.distance, labelled.distance))
    || ' WordNet steps from the prediction' as evidence
from candidates
inner join mistake_labels as labels using (image_number)
inner join class_ancestors as predicted on predicted.class_id = candidates.predicted_class
inner join class_ancestors as labelled
    on labelled.class_id = labels.class_id
    and labelled.ancestor = predicted.ancestor
where labels.class_id <> candidates.predicted_class
group by candidates.image_number, candidates.predicted_class
having min(greatest(predicted.distance, labelled.distance)) >= 5
