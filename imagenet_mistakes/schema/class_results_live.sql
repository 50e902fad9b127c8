-- class_results_live: class_results computed now from the predictions (and the mistakes table).
-- add-model stores a model's rows (class_results_snapshot) and class_results
-- reads them: computed live, every model is aggregated before the first row
-- (14 s with 1,000 models). `query integrity` compares the two.
-- scope 'label_set': the images the label set's metrics count (image_scope);
-- scope 'imagenet_m': the ImageNet-M images among those (no rows when the
-- ImageNet-M list is unknown, so those metrics are NULL: unknown, not 0).
-- The paper's models whose predictions are not loaded come from the mistakes
-- table: the paper categorised every mistake of theirs on the images in scope
-- of the analysed label set, so each such image not listed is correct or
-- unclear; whether it is strictly correct, and everything else, is unknown.
create or replace view class_results_live as
with

paper_models as (
    select distinct model
    from mistakes
    where model not in (select model from models)
),

from_mistakes_table as (
    select
        paper_models.model,
        image_scope.label_set,
        images.label as original_class,
        null::boolean as correct,
        mistakes.image_number is null as correct_or_unclear,
        null::boolean as top5_correct,
        image_flags.imagenet_m
    from paper_models
    cross join image_scope
    inner join images using (image_number)
    inner join image_flags using (image_number)
    left join mistakes
        on mistakes.model = paper_models.model and mistakes.image_number = image_scope.image_number
    where image_scope.label_set in (select label_set from label_sets where analysed)
),

per_image as (
    select
        'predictions' as evaluated_from,
        model, label_set, original_class, correct, correct_or_unclear, top5_correct, imagenet_m
    from image_results
    union all
    select
        'mistakes table',
        model, label_set, original_class, correct, correct_or_unclear, top5_correct, imagenet_m
    from from_mistakes_table
),

-- One pass over the images, split by ImageNet-M membership; both scopes are
-- then sums of these few rows.
counts as (
    select
        model,
        label_set,
        original_class,
        evaluated_from,
        imagenet_m,
        count(*) as images,
        count(*) filter (where correct) as correct,
        count(*) filter (where correct_or_unclear) as correct_or_unclear,
        -- NULL, as top5_correct, when the model has fewer than 5 predictions per image.
        sum(top5_correct::integer) as top5_correct
    from per_image
    group by model, label_set, original_class, evaluated_from, imagenet_m
),

-- Each count row once per scope it belongs to. (A join with the two scopes
-- rather than a union of two reads of `counts`: read twice, DuckDB would
-- materialise it, and a filter on one model could no longer reach the scans.)
scopes as (
    select counts.*, scope_names.scope
    from counts
    inner join (values ('label_set'), ('imagenet_m')) as scope_names (scope)
        -- No ImageNet-M rows when its list is unknown (imagenet_m NULL).
        on scope_names.scope = 'label_set' or counts.imagenet_m
),

final as (
    select
        model,
        label_set,
        original_class as class_id,
        scope,
        sum(images)::bigint as images,
        -- Unknown for paper models without predictions: the mistakes table
        -- gives only the lenient reading.
        case when evaluated_from = 'predictions' then sum(correct)::bigint end as correct,
        sum(correct_or_unclear)::bigint as correct_or_unclear,
        sum(top5_correct)::bigint as top5_correct,
        evaluated_from
    from scopes
    group by model, label_set, original_class, scope, evaluated_from
)

select * from final;

COMMENT ON VIEW class_results_live IS 'class_results computed now from the predictions: slow over many models; class_results reads the stored rows';
COMMENT ON COLUMN class_results_live.model IS 'As class_results.model';
COMMENT ON COLUMN class_results_live.label_set IS 'As class_results.label_set';
COMMENT ON COLUMN class_results_live.class_id IS 'As class_results.class_id';
COMMENT ON COLUMN class_results_live.scope IS 'As class_results.scope';
COMMENT ON COLUMN class_results_live.images IS 'As class_results.images';
COMMENT ON COLUMN class_results_live.correct IS 'As class_results.correct';
COMMENT ON COLUMN class_results_live.correct_or_unclear IS 'As class_results.correct_or_unclear';
COMMENT ON COLUMN class_results_live.top5_correct IS 'As class_results.top5_correct';
COMMENT ON COLUMN class_results_live.evaluated_from IS 'As class_results.evaluated_from';
