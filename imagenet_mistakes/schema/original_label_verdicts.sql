-- original_label_verdicts: per image, each label set's verdict on the original label,
-- a column original_label_<label set> per label set (data/label_sets.toml) but the
-- original one, so a query takes them all with original_label_verdicts.* and a new
-- label set reaches it unasked, and the label sets that judge it wrong (wrong_by). Verdicts: correct, unclear, wrong; NULL where the
-- label set does not judge the image. A label set that lists the classes it finds
-- correct (ReaL, the fine-grained and clean labels) marks the original label
-- 'correct' when listed, 'wrong' when not, and judges only the images it gives a
-- label; multilabel_v3 judges every image it annotated; cleanlab_mturk every
-- candidate.
create or replace view original_label_verdicts as
with

verdicts as (
    select
        image_labels.image_number,
        image_labels.label_set,
        -- A class can be correct and wrong at once upstream; correct wins.
        case
            when bool_or(image_labels.verdict = 'correct') then 'correct'
            when bool_or(image_labels.verdict = 'unclear') then 'unclear'
            else 'wrong'
        end as verdict
    from image_labels
    inner join images
        on images.image_number = image_labels.image_number and images.label = image_labels.class_id
    where image_labels.label_set <> 'original'
    group by image_labels.image_number, image_labels.label_set
),

-- The images each label set judges: those it annotated (a multi-label source's
-- scope leaves out the problematic ones it annotated too) or gives any label.
judged as (
    select distinct label_set, image_number
    from image_labels
    union
    select label_sets.label_set, image_flags.image_number
    from label_sets
    cross join image_flags
    where label_sets.scope = 'annotated_not_problematic' and image_flags.multilabel_annotated
),

by_label_set as (
    select
        images.image_number,
{%- for label_set in label_sets if label_set.name != 'original' %}
        case
            when {{ label_set.name }}_judges.image_number is not null
                then coalesce({{ label_set.name }}.verdict, 'wrong')
        end as original_label_{{ label_set.name }},
{%- endfor %}
    from images
{%- for label_set in label_sets if label_set.name != 'original' %}
    left join verdicts as {{ label_set.name }}
        on {{ label_set.name }}.image_number = images.image_number
        and {{ label_set.name }}.label_set = {{ label_set.name | sql_string }}
    left join judged as {{ label_set.name }}_judges
        on {{ label_set.name }}_judges.image_number = images.image_number
        and {{ label_set.name }}_judges.label_set = {{ label_set.name | sql_string }}
{%- endfor %}
),

final as (
    select
        *,
        list_filter(
            [
{%- for label_set in label_sets if label_set.name != 'original' %}
                case when original_label_{{ label_set.name }} = 'wrong' then {{ label_set.name | sql_string }} end,
{%- endfor %}
            ],
            lambda name: name is not null
        ) as wrong_by
    from by_label_set
)

select * from final;

COMMENT ON VIEW original_label_verdicts IS 'Per image: each label set''s verdict on its original label, a column original_label_<label set> each';
COMMENT ON COLUMN original_label_verdicts.image_number IS 'Image (images.image_number)';
{%- for label_set in label_sets if label_set.name != 'original' %}
COMMENT ON COLUMN original_label_verdicts.original_label_{{ label_set.name }} IS {{ ("Verdict on the original label of " ~ label_set.name ~ " (" ~ label_set.description ~ "): correct, unclear or wrong (not listed counts as wrong); NULL where it does not judge the image") | sql_string }};
{%- endfor %}
COMMENT ON COLUMN original_label_verdicts.wrong_by IS 'The label sets that judge the original label wrong, in data/label_sets.toml''s order (empty: none does)';
