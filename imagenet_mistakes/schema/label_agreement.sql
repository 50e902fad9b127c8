-- label_agreement: per image, what each label set says about the original label, one
-- column per label set (data/label_sets.toml) but the original one.
-- verdicts: correct, unclear, wrong; NULL where the label set does not judge
-- the image. A label set that lists the classes it finds correct (ReaL, the
-- fine-grained and clean labels) marks the original label 'correct' when
-- listed, 'wrong' when not, and judges only the images it gives a label
-- (image_scope); multilabel_v3 judges every image it annotated; cleanlab_mturk
-- every candidate. Where ReaL's raters were asked about the original label,
-- their votes and its score; where they saw the image, how much they agreed
-- (real_ratings).
create or replace view label_agreement as
with

original_verdicts as (
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

-- The share of an image's votes that agree with their question's majority
-- answer: 1 when every rater gave every question the same answer.
rater_agreement as (
    select
        image_number,
        sum(greatest(votes_no, votes_maybe, votes_yes))
            / sum(votes_no + votes_maybe + votes_yes) as agreement
    from real_ratings
    group by image_number
),

final as (
    select
        images.image_number,
        images.file_name,
        images.label as original_class,
        image_flags.multilabel_annotated,
        image_flags.problematic,
        image_flags.real_excluded,
        image_flags.imagenet_m,
{%- for label_set in label_sets if label_set.name != 'original' %}
        case
            when {{ label_set.name }}_judges.image_number is not null
                then coalesce({{ label_set.name }}.verdict, 'wrong')
        end as {{ label_set.name }},
{%- endfor %}
        real_ratings.votes_yes as real_votes_yes,
        real_ratings.votes_maybe as real_votes_maybe,
        real_ratings.votes_no as real_votes_no,
        real_ratings.score as real_score,
        rater_agreement.agreement as real_rater_agreement
    from images
    inner join image_flags using (image_number)
{%- for label_set in label_sets if label_set.name != 'original' %}
    left join original_verdicts as {{ label_set.name }}
        on {{ label_set.name }}.image_number = images.image_number
        and {{ label_set.name }}.label_set = {{ label_set.name | sql_string }}
    left join judged as {{ label_set.name }}_judges
        on {{ label_set.name }}_judges.image_number = images.image_number
        and {{ label_set.name }}_judges.label_set = {{ label_set.name | sql_string }}
{%- endfor %}
    left join real_ratings
        on real_ratings.image_number = images.image_number
        and real_ratings.class_id = images.label
    left join rater_agreement
        on rater_agreement.image_number = images.image_number
)

select * from final;

COMMENT ON VIEW label_agreement IS 'Per image: what each label set says about its original label';
COMMENT ON COLUMN label_agreement.image_number IS 'Image (images.image_number)';
COMMENT ON COLUMN label_agreement.file_name IS 'Image name, ILSVRC2012_val_XXXXXXXX.JPEG';
COMMENT ON COLUMN label_agreement.original_class IS 'Original ImageNet label';
COMMENT ON COLUMN label_agreement.multilabel_annotated IS 'multilabel_v3 annotates the image';
COMMENT ON COLUMN label_agreement.problematic IS 'multilabel_v3 flags it problematic (NULL when not annotated)';
COMMENT ON COLUMN label_agreement.real_excluded IS 'ReaL gives it no label';
COMMENT ON COLUMN label_agreement.imagenet_m IS 'In ImageNet-M (NULL when the list is unknown)';
{%- for label_set in label_sets if label_set.name != 'original' %}
COMMENT ON COLUMN label_agreement.{{ label_set.name }} IS {{ ("Verdict on the original label of " ~ label_set.name ~ " (" ~ label_set.description ~ "): correct, unclear or wrong (not listed counts as wrong); NULL where it does not judge the image") | sql_string }};
{%- endfor %}
COMMENT ON COLUMN label_agreement.real_votes_yes IS 'ReaL raters who said yes to the original label; NULL when they were not asked';
COMMENT ON COLUMN label_agreement.real_votes_maybe IS 'ReaL raters who said maybe to it; NULL when not asked';
COMMENT ON COLUMN label_agreement.real_votes_no IS 'ReaL raters who said no to it; NULL when not asked';
COMMENT ON COLUMN label_agreement.real_score IS 'ReaL''s score of the original label (>= 0.8: listed); NULL when not asked';
COMMENT ON COLUMN label_agreement.real_rater_agreement IS 'Share of the image''s ReaL votes agreeing with their question''s majority answer; NULL when raters never saw it';
