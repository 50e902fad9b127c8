-- label_agreement: per image, what each label set says about the original label, one
-- column per label set (data/label_sets.toml) but the original one, as
-- original_label_verdicts works them out: correct, unclear, wrong; NULL where
-- the label set does not judge the image. Where ReaL's raters were asked about
-- the original label, their votes and its score; where they saw the image, how
-- much they agreed (real_ratings).
create or replace view label_agreement as
with

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
        verdicts.original_label_{{ label_set.name }} as {{ label_set.name }},
{%- endfor %}
        real_ratings.votes_yes as real_votes_yes,
        real_ratings.votes_maybe as real_votes_maybe,
        real_ratings.votes_no as real_votes_no,
        real_ratings.score as real_score,
        rater_agreement.agreement as real_rater_agreement
    from images
    inner join image_flags using (image_number)
    inner join original_label_verdicts as verdicts using (image_number)
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
COMMENT ON COLUMN label_agreement.{{ label_set.name }} IS {{ ("Verdict of " ~ label_set.name ~ " on the original label: correct, unclear or wrong; NULL where it does not judge the image (original_label_verdicts)") | sql_string }};
{%- endfor %}
COMMENT ON COLUMN label_agreement.real_votes_yes IS 'ReaL raters who said yes to the original label; NULL when they were not asked';
COMMENT ON COLUMN label_agreement.real_votes_maybe IS 'ReaL raters who said maybe to it; NULL when not asked';
COMMENT ON COLUMN label_agreement.real_votes_no IS 'ReaL raters who said no to it; NULL when not asked';
COMMENT ON COLUMN label_agreement.real_score IS 'ReaL''s score of the original label (>= 0.8: listed); NULL when not asked';
COMMENT ON COLUMN label_agreement.real_rater_agreement IS 'Share of the image''s ReaL votes agreeing with their question''s majority answer; NULL when raters never saw it';
