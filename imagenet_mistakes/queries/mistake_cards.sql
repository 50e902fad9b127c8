-- Every remaining mistake of a model with what a person wants beside it (gallery's cards).
-- Parameters: $model: model.
-- Every remaining mistake of a model with what a person looking at its image wants
-- beside it: the labels, the top-5, the paper's and the rules' verdicts (with the
-- rules' evidence), ImageNet-X's factors, how many models share it, whether the label
-- itself is in doubt (the cards of `gallery`).
-- label_error_suspected: a label set judges the original label wrong (the
-- multi-label annotators, ReaL or the clean labels by leaving it out, cleanlab's
-- crowd, ...); label_wrong_by names them.
with

mistakes as (
    select
        image_number, original_class, predicted_class, manual_category, manual_severity,
        auto_category, category_evidence, auto_severity, severity_evidence
    from auto_categories
    where model = $model
),

-- Each class list in class-id order, as names.
labels as (
    select
        image_labels.image_number,
        list(classes.name order by classes.class_id) filter (
            where image_labels.label_set = 'multilabel_v3' and image_labels.verdict = 'correct'
        ) as correct_labels,
        list(classes.name order by classes.class_id) filter (
            where image_labels.label_set = 'multilabel_v3' and image_labels.verdict = 'unclear'
        ) as unclear_labels,
        list(classes.name order by classes.class_id) filter (
            where image_labels.label_set = 'real' and image_labels.verdict = 'correct'
        ) as real_labels
    from image_labels
    inner join classes using (class_id)
    where image_labels.image_number in (select image_number from mistakes)
    group by image_labels.image_number
),

-- The model's first five classes, with their scores where it gave logits.
ranked as (
    select
        image_number,
        unnest(classes[1:5]) as class_id,
        unnest(scores[1:5]) as score,
        generate_subscripts(classes[1:5], 1) as rank
    from predictions
    where model = $model and image_number in (select image_number from mistakes)
),

top5 as (
    select
        ranked.image_number,
        list({'class': classes.name, 'score': ranked.score} order by ranked.rank) as top5
    from ranked
    inner join classes using (class_id)
    group by ranked.image_number
),

factors as (
    select
        image_number,
        list(factor order by factor) as factors,
        any_value(factor) filter (where top) as top_factor
    from image_factors
    where image_number in (select image_number from mistakes)
    group by image_number
),

final as (
    select
        mistakes.image_number,
        images.file_name,
        original.name as original_label,
        predicted.name as prediction,
        top5.top5,
        coalesce(labels.correct_labels, []) as correct_labels,
        coalesce(labels.unclear_labels, []) as unclear_labels,
        coalesce(labels.real_labels, []) as real_labels,
        mistakes.manual_category,
        mistakes.manual_severity,
        mistakes.auto_category,
        mistakes.category_evidence,
        mistakes.auto_severity,
        mistakes.severity_evidence,
        coalesce(factors.factors, []) as factors,
        factors.top_factor,
        difficulty.models_wrong,
        difficulty.models,
        agreement.cleanlab_mturk as crowd_verdict,
        len(verdicts.wrong_by) > 0 as label_error_suspected,
        verdicts.wrong_by as label_wrong_by,
        agreement.imagenet_m
    from mistakes
    inner join images using (image_number)
    inner join classes as original on original.class_id = mistakes.original_class
    inner join classes as predicted on predicted.class_id = mistakes.predicted_class
    left join labels using (image_number)
    left join top5 using (image_number)
    left join factors using (image_number)
    left join image_difficulty as difficulty
        on difficulty.image_number = mistakes.image_number
        and difficulty.label_set in (select label_set from label_sets where analysed)
    inner join label_agreement as agreement using (image_number)
    inner join original_label_verdicts as verdicts using (image_number)
)

select * from final
order by models_wrong desc nulls last, image_number
