-- gives: fine-grained-oov
-- why: every label of the image is at least 5 WordNet is-a steps from the prediction
-- while ReaL's raters did not reject it (rule real_rejected comes first): the model
-- named a look-alike of an object none of ImageNet's classes describe. (5 steps: the
-- best out-of-vocabulary F1 on ViT-3B's verdicts among 4 to 6.)
select
    model,
    image_number,
    evaluated_from,
    'the nearest label, ''' || label_name || ''', is ' || steps
    || ' WordNet steps from the prediction' as evidence
from (
    select
        candidates.model,
        candidates.image_number,
        candidates.evaluated_from,
        classes.name as label_name,
        greatest(predicted.distance, labelled.distance) as steps,
        row_number() over (
            partition by candidates.model, candidates.image_number, candidates.evaluated_from
            order by greatest(predicted.distance, labelled.distance), classes.name
        ) as nearness
    from candidates
    inner join labels using (image_number)
    inner join class_ancestors as predicted on predicted.class_id = candidates.predicted_class
    inner join class_ancestors as labelled
        on labelled.class_id = labels.class_id
        and labelled.ancestor = predicted.ancestor
    inner join classes on classes.class_id = labels.class_id
    where labels.class_id <> candidates.predicted_class
) as shared
where nearness = 1 and steps >= 5
