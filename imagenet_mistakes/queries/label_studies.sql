-- How many images the studies behind a consolidated label set review, and agree on.
-- Parameters: $label_set: label_set = clean_validation.
-- The studies a consolidated label set was made from (label_sets.combines; for Flaws of
-- ImageNet's clean validation labels: ReaL, the multi-label set, cleanlab's label errors
-- and the fine-grained annotations): the images more than one of them reviewed, and
-- those of them on which every study that reviewed it gives the same correct classes,
-- each also as a share of all the validation images. A study reviews the images it
-- labels or judges; ReaL also those it excluded (seen, given no label).
with

studies as (
    select unnest(combines) as label_set
    from label_sets
    where label_set = $label_set
),

reviewed as (
    select distinct label_set, image_number
    from image_labels
    where label_set in (select label_set from studies)
    union
    select 'real', image_number
    from image_flags
    where real_excluded and 'real' in (select label_set from studies)
),

said as (
    select
        reviewed.label_set,
        reviewed.image_number,
        coalesce(
            list_sort(list(image_labels.class_id) filter (where image_labels.verdict = 'correct')),
            []
        ) as correct
    from reviewed
    left join image_labels using (label_set, image_number)
    group by reviewed.label_set, reviewed.image_number
),

per_image as (
    select image_number, count(*) as studies, count(distinct correct) = 1 as identical
    from said
    group by image_number
),

counted as (
    select
        count(*) filter (where studies > 1) as reviewed_by_several,
        count(*) filter (where studies > 1 and identical) as identical
    from per_image
    having count(*) > 0
)

select
    (select string_agg(label_set, ', ') from studies) as studies,
    all_images.images,
    counted.reviewed_by_several,
    counted.reviewed_by_several / all_images.images as share_reviewed_by_several,
    counted.identical,
    counted.identical / all_images.images as share_identical
from counted
cross join (select count(*) as images from images) as all_images
