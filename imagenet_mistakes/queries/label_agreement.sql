-- Where the label sets disagree about the original labels, in image counts.
-- Parameters: none.
with

final as (
    select 'original label marked wrong in multilabel_v3' as finding,
        count(*) filter (where multilabel_v3 = 'wrong') as images
    from label_agreement
    union all
    select 'original label marked unclear in multilabel_v3',
        count(*) filter (where multilabel_v3 = 'unclear')
    from label_agreement
    union all
    select 'excluded by ReaL but scored by multilabel_v3 (annotated, not problematic)',
        count(*) filter (where real_excluded and multilabel_annotated and not problematic)
    from label_agreement
    union all
    select 'original label not in ReaL but correct in multilabel_v3',
        count(*) filter (where real = 'wrong' and multilabel_v3 = 'correct')
    from label_agreement
    union all
    select 'original label in ReaL but wrong in multilabel_v3',
        count(*) filter (where real = 'correct' and multilabel_v3 = 'wrong')
    from label_agreement
    union all
    select 'crowd-verified label errors (cleanlab_mturk)',
        count(*) filter (where cleanlab_mturk <> 'correct')
    from label_agreement
    union all
    select 'crowd-verified label errors that multilabel_v3 marks correct',
        count(*) filter (where cleanlab_mturk <> 'correct' and multilabel_v3 = 'correct')
    from label_agreement
    union all
    select 'crowd-verified label errors that multilabel_v3 marks wrong',
        count(*) filter (where cleanlab_mturk <> 'correct' and multilabel_v3 = 'wrong')
    from label_agreement
    union all
    select 'original label put to ReaL''s raters',
        count(*) filter (where real_votes_yes is not null)
    from label_agreement
    union all
    select 'original label put to ReaL''s raters and not all said yes',
        count(*) filter (where real_votes_maybe + real_votes_no > 0)
    from label_agreement
    union all
    select 'original label that most of ReaL''s raters turned down (no)',
        count(*) filter (where real_votes_no > real_votes_yes + real_votes_maybe)
    from label_agreement
)

select * from final
