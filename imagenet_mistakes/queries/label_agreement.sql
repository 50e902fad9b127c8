-- Where the label sets disagree about the original labels, in image counts.
-- Parameters: none.
with

counts as (
    select
        count(*) filter (where multilabel_v3 = 'wrong') as wrong_in_v3,
        count(*) filter (where multilabel_v3 = 'unclear') as unclear_in_v3,
        count(*) filter (where real_excluded and multilabel_annotated and not problematic)
            as real_excluded_v3_scored,
        count(*) filter (where real = 'wrong' and multilabel_v3 = 'correct')
            as not_in_real_correct_in_v3,
        count(*) filter (where real = 'correct' and multilabel_v3 = 'wrong')
            as in_real_wrong_in_v3,
        count(*) filter (where cleanlab_mturk <> 'correct') as crowd_errors,
        count(*) filter (where cleanlab_mturk <> 'correct' and multilabel_v3 = 'correct')
            as crowd_errors_correct_in_v3,
        count(*) filter (where cleanlab_mturk <> 'correct' and multilabel_v3 = 'wrong')
            as crowd_errors_wrong_in_v3,
        count(*) filter (where real_votes_yes is not null) as rated,
        count(*) filter (where real_votes_maybe + real_votes_no > 0) as rated_not_all_yes,
        count(*) filter (where real_votes_no > real_votes_yes + real_votes_maybe)
            as rated_mostly_no
    from label_agreement
),

-- One row per finding, in this order (VALUES keeps it portable to PostgreSQL).
final as (
    select findings.position, findings.finding, findings.images
    from counts
    cross join lateral (values
        (1, 'original label marked wrong in multilabel_v3', wrong_in_v3),
        (2, 'original label marked unclear in multilabel_v3', unclear_in_v3),
        (3, 'excluded by ReaL but scored by multilabel_v3 (annotated, not problematic)',
            real_excluded_v3_scored),
        (4, 'original label not in ReaL but correct in multilabel_v3',
            not_in_real_correct_in_v3),
        (5, 'original label in ReaL but wrong in multilabel_v3', in_real_wrong_in_v3),
        (6, 'crowd-verified label errors (cleanlab_mturk)', crowd_errors),
        (7, 'crowd-verified label errors that multilabel_v3 marks correct',
            crowd_errors_correct_in_v3),
        (8, 'crowd-verified label errors that multilabel_v3 marks wrong',
            crowd_errors_wrong_in_v3),
        (9, 'original label put to ReaL''s raters', rated),
        (10, 'original label put to ReaL''s raters and not all said yes', rated_not_all_yes),
        (11, 'original label that most of ReaL''s raters turned down (no)', rated_mostly_no)
    ) as findings (position, finding, images)
)

select finding, images from final order by position
