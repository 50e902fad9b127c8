-- eth_co_occurrence_pairs: ETH's common co-occurrence pairs as far as public
-- data defines them (utils.common_co_occurrences at d32916d2). Over the images
-- with ReaL labels outside the multi-label set, each image's ReaL classes plus
-- its original label; two classes form a pair when they appear together on at
-- least two such images; both orders are listed. ETH further drop the pairs
-- that share one of their superclasses; those are defined in superclasses.json,
-- which ships only in ETH's artefacts archive (not in their repository or any
-- mirror here) and is matched against WordNet hypernyms, so this list is a
-- superset of ETH's.
create or replace view eth_co_occurrence_pairs as
with

outside as (
    select image_number
    from image_scope
    where label_set = 'real'
        and image_number not in (
            select image_number
            from image_flags
            where multilabel_annotated
        )
),

-- union, not union all: the original label counts once when ReaL has it too.
labels as (
    select image_number, class_id
    from accepted_labels
    where label_set = 'real' and image_number in (select image_number from outside)
    union
    select image_number, class_id
    from image_labels
    where label_set = 'original' and image_number in (select image_number from outside)
),

final as (
    select labels_a.class_id as class_id, labels_b.class_id as co_occurring_class, count(*) as images
    from labels as labels_a
    inner join labels as labels_b
        on labels_b.image_number = labels_a.image_number and labels_b.class_id <> labels_a.class_id
    group by labels_a.class_id, labels_b.class_id
    having count(*) >= 2
)

select * from final;

COMMENT ON VIEW eth_co_occurrence_pairs IS 'ETH''s common co-occurrence pairs without their superclass filter: classes together on at least two ReaL-labelled images outside the multi-label set (original label included), both orders';
COMMENT ON COLUMN eth_co_occurrence_pairs.class_id IS 'A class';
COMMENT ON COLUMN eth_co_occurrence_pairs.co_occurring_class IS 'A class labelled with it on at least two such images';
COMMENT ON COLUMN eth_co_occurrence_pairs.images IS 'The images labelled with both';
