-- label_agreement: per image, what each label set says about the original label.
-- verdicts: correct, unclear, wrong; NULL where the label set does not
-- judge the image (multilabel_v3: not annotated; cleanlab_mturk: not a
-- candidate). ReaL has no verdicts: it lists the labels it finds correct, so
-- the original label is 'correct' when listed, 'wrong' when not, and NULL
-- for the images it excludes (an empty list). Where ReaL's raters were
-- asked about the original label, their votes and its score; where they saw
-- the image, how much they agreed (real_ratings).
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
        case
            when image_flags.multilabel_annotated then coalesce(v3.verdict, 'wrong')
        end as multilabel_v3,
        case
            when not image_flags.real_excluded then coalesce(real.verdict, 'wrong')
        end as real,
        cleanlab.verdict as cleanlab_mturk,
        real_ratings.votes_yes as real_votes_yes,
        real_ratings.votes_maybe as real_votes_maybe,
        real_ratings.votes_no as real_votes_no,
        real_ratings.score as real_score,
        rater_agreement.agreement as real_rater_agreement
    from images
    inner join image_flags using (image_number)
    left join original_verdicts as v3
        on v3.image_number = images.image_number and v3.label_set = 'multilabel_v3'
    left join original_verdicts as real
        on real.image_number = images.image_number and real.label_set = 'real'
    left join original_verdicts as cleanlab
        on cleanlab.image_number = images.image_number and cleanlab.label_set = 'cleanlab_mturk'
    left join real_ratings
        on real_ratings.image_number = images.image_number
        and real_ratings.class_id = images.label
    left join rater_agreement
        on rater_agreement.image_number = images.image_number
)

select * from final;

COMMENT ON VIEW label_agreement IS 'Per image: what multilabel_v3, ReaL and cleanlab''s crowd say about its original label';
COMMENT ON COLUMN label_agreement.image_number IS 'Image (images.image_number)';
COMMENT ON COLUMN label_agreement.file_name IS 'Image name, ILSVRC2012_val_XXXXXXXX.JPEG';
COMMENT ON COLUMN label_agreement.original_class IS 'Original ImageNet label';
COMMENT ON COLUMN label_agreement.multilabel_annotated IS 'multilabel_v3 annotates the image';
COMMENT ON COLUMN label_agreement.problematic IS 'multilabel_v3 flags it problematic (NULL when not annotated)';
COMMENT ON COLUMN label_agreement.real_excluded IS 'ReaL gives it no label';
COMMENT ON COLUMN label_agreement.imagenet_m IS 'In ImageNet-M (NULL when the list is unknown)';
COMMENT ON COLUMN label_agreement.multilabel_v3 IS 'multilabel_v3 verdict on the original label: correct, unclear, wrong (not listed counts as wrong); NULL when not annotated';
COMMENT ON COLUMN label_agreement.real IS 'ReaL on the original label: correct when listed, wrong when not; NULL when ReaL excludes the image';
COMMENT ON COLUMN label_agreement.cleanlab_mturk IS 'Crowd verdict on the original label (wrong: a crowd-verified label error); NULL when not a candidate';
COMMENT ON COLUMN label_agreement.real_votes_yes IS 'ReaL raters who said yes to the original label; NULL when they were not asked';
COMMENT ON COLUMN label_agreement.real_votes_maybe IS 'ReaL raters who said maybe to it; NULL when not asked';
COMMENT ON COLUMN label_agreement.real_votes_no IS 'ReaL raters who said no to it; NULL when not asked';
COMMENT ON COLUMN label_agreement.real_score IS 'ReaL''s score of the original label (>= 0.8: listed); NULL when not asked';
COMMENT ON COLUMN label_agreement.real_rater_agreement IS 'Share of the image''s ReaL votes agreeing with their question''s majority answer; NULL when raters never saw it';
