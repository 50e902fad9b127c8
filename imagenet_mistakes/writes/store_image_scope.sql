-- Store which images each label set's metrics count (image_scope), once the
-- labels and flags are loaded:
--   multilabel_v3: annotated and not problematic (Vasudevan et al. 2022);
--   every other label set: the images it gives any label (ReaL: a non-empty list).
insert into image_scope
with

labelled as (
    select distinct label_set, image_number
    from image_labels
)

select
    label_sets.label_set,
    image_flags.image_number,
    case
        when label_sets.label_set = 'multilabel_v3'
            then image_flags.multilabel_annotated and not image_flags.problematic
        else labelled.image_number is not null
    end as in_scope
from label_sets
cross join image_flags
left join labelled
    on labelled.label_set = label_sets.label_set
    and labelled.image_number = image_flags.image_number
order by label_sets.label_set, image_flags.image_number;
