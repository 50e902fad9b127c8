-- Store the images each label set's metrics count (image_scope) with the
-- classes it accepts for each, once the labels and flags are loaded, by the
-- label set's scope rule (label_sets.scope):
--   labelled: the images the label set gives any label (ReaL: a non-empty list);
--   annotated_not_problematic: annotated by the multi-label source and not
--     flagged problematic (Vasudevan et al. 2022).
insert into image_scope
with

labelled as (
    select distinct label_set, image_number
    from image_labels
),

label_lists as (
    select
        label_set,
        image_number,
        list(class_id order by class_id) filter (where correct) as correct_classes,
        list(class_id order by class_id) as accepted_classes
    from accepted_labels
    group by label_set, image_number
),

candidates as (
    select
        label_sets.label_set,
        image_flags.image_number,
        case label_sets.scope
            when 'labelled' then labelled.image_number is not null
            when 'annotated_not_problematic'
                then image_flags.multilabel_annotated and not image_flags.problematic
        end as in_scope
    from label_sets
    cross join image_flags
    left join labelled
        on labelled.label_set = label_sets.label_set
        and labelled.image_number = image_flags.image_number
)

select
    candidates.label_set,
    candidates.image_number,
    coalesce(label_lists.correct_classes, []) as correct_classes,
    coalesce(label_lists.accepted_classes, []) as accepted_classes
from candidates
left join label_lists using (label_set, image_number)
where candidates.in_scope
order by candidates.label_set, candidates.image_number;
