-- Anything that would make a model's numbers wrong, one row per problem; no rows means consistent.
-- Parameters: $model: among = all.
-- It counts the models' results afresh from their predictions (class_results_live) to check
-- what add-model stored: -p model= checks one model (or a zoo, or several), 1.3 s for one
-- of 1,200 models; all of them take time and memory that grow with the models (42 s and
-- 5.7 GB at 1,200: BENCHMARKS.md). The whole file's check (model=all) also looks for what
-- belongs to no model (orphans) and at the totals all models share, and before it runs
-- every block of the file is read (Database.query), so a damaged one is reported, as one
-- line, whatever it holds.
with

-- The models checked: $model is all or their names separated by commas (Database.query
-- gives a zoo's as its models' names). Each read below keeps them with named_in, a
-- filter DuckDB takes into the scans of the live views.
checked_models as (
    select * from models where named_in($model, model)
),

-- One pass over the predictions, per model: its rows, the validation images
-- they cover (a bit per image, ILSVRC2012_val_00000001 to _00050000: 20 times
-- faster than a distinct count; other numbers are unknown_images), and the
-- longest list (tables may give some images fewer ranks). A class repeated
-- within a list is not looked for: the loader refuses one, and it would not
-- change a number.
per_model as (
    select
        model,
        count(*) as rows,
        count(*) filter (where image_number between 1 and 50000) as known_rows,
        coalesce(bit_count(
            bitstring_agg(image_number, 1, 50000) filter (where image_number between 1 and 50000)
        ), 0) as images,
        max(len(classes)) as top_k,
        count(*) filter (where len(scores) <> len(classes)) as misscored
    from predictions
    -- With all, the predictions of a model that is not in models too.
    where named_in($model, model)
    group by model
),

unknown_images as (
    select model, count(*) as rows
    from predictions
    where named_in($model, model)
        and image_number not in (select image_number from images)
    group by model
),

-- Compared exactly: the counts are integers, and metrics are computed from
-- them, so the same predictions give the same bits every time. The stored
-- class counts against the predictions; the stored metrics against the
-- stored counts (model_metrics_live sums them).
live_counts as (
    select model, label_set, class_id, scope, images, correct, correct_or_unclear, top5_correct
    from class_results_live
    where evaluated_from = 'predictions'
        and named_in($model, model)
),

stored_counts as (
    select model, label_set, class_id, scope, images, correct, correct_or_unclear, top5_correct
    from class_results_snapshot
    where named_in($model, model)
),

stale_counts as (
    select model from (select * from stored_counts except select * from live_counts)
    union
    select model from (select * from live_counts except select * from stored_counts)
),

-- The paper's models' metrics too, stored by build from the mistakes table.
live_metrics as (
    select model, metric, value, variance, hits, images, classes
    from model_metrics_live
    where named_in($model, model)
),

stored_metrics as (
    select model, metric, value, variance, hits, images, classes
    from model_metrics_snapshot
    where named_in($model, model)
    union all
    select model, metric, value, variance, hits, images, classes
    from paper_metrics_snapshot
    -- The paper's models: checked by all alone (no list of names holds them).
    where $model = 'all' and model not in (select model from models)
),

stale_metrics as (
    select model from (select * from stored_metrics except select * from live_metrics)
    union
    select model from (select * from live_metrics except select * from stored_metrics)
),

-- The stored verdicts against the rules worked out now on every pair of image and
-- predicted class the checked models' mistakes have: a pair whose verdict is missing or
-- differs, and the models whose mistakes have it.
stale_verdicts as (
    select image_number, predicted_class
    from (
        select * from mistake_verdicts_among($model)
        except
        select * from mistake_verdicts_snapshot
    )
),

models_with_stale_verdicts as (
    select found.model, count(*) as mistakes
    from model_mistakes as found
    inner join stale_verdicts using (image_number, predicted_class)
    where named_in($model, found.model)
    group by found.model
),

-- The stored mistakes, as many as the stored counts say the model makes.
counted_mistakes as (
    select model, sum(images - correct_or_unclear) as mistakes
    from class_results_snapshot
    where scope = 'label_set' and label_set in (select label_set from label_sets where analysed)
        and named_in($model, model)
    group by model
),

stored_mistakes as (
    select model, count(*) as mistakes
    from model_mistakes_snapshot
    where named_in($model, model)
    group by model
),

-- The stored pairs, as the stored mistakes count them.
counted_pairs as (
    select model, original_class, predicted_class, mistakes
    from model_confusions_live
    where evaluated_from = 'predictions'
        and named_in($model, model)
),

stored_pairs as (
    select * from model_confusions_snapshot where named_in($model, model)
),

stale_pairs as (
    select model from (select * from stored_pairs except select * from counted_pairs)
    union
    select model from (select * from counted_pairs except select * from stored_pairs)
),

-- The stored per-image counts, summed, against the stored class counts: as
-- many predictions and mistakes per label set. (Compared image by image with
-- image_difficulty_live, every model would be counted afresh once more.) They
-- count every model at once, so the whole-file check alone compares them.
image_totals as (
    select label_set, sum(models) as images, sum(models_wrong) as wrong
    from image_difficulty_snapshot
    where $model = 'all'
    group by label_set
),

class_totals as (
    select label_set, sum(images) as images, sum(images - correct_or_unclear) as wrong
    from class_results_snapshot
    -- Stored counts of a model that is gone are a problem of their own (orphans).
    where $model = 'all' and scope = 'label_set' and model in (select model from models)
    group by label_set
),

stale_image_totals as (
    select label_set from (select * from image_totals except select * from class_totals)
    union
    select label_set from (select * from class_totals except select * from image_totals)
),

-- The stored factor counts, over as many images as the model predicted among
-- those ImageNet-X scores (a model without them stored has no rows at all).
factor_images as (
    select predictions.model, count(*) as images
    from predictions
    inner join imagenet_x_images using (image_number)
    where not imagenet_x_images.prototypical
        and named_in($model, predictions.model)
    group by predictions.model
),

stored_factor_images as (
    select model, max(all_images) as images, min(all_images) as fewest
    from factor_counts_snapshot
    where named_in($model, model)
    group by model
),

-- The stored metaclass counts add up, under each reading, to those images.
stored_metaclass_images as (
    select model, max(images) as images, min(images) as fewest
    from (
        select model, reading, sum(images) as images
        from metaclass_counts_snapshot
        where named_in($model, model)
        group by model, reading
    )
    group by model
),

-- The stored soft ReaL totals count the images and hits the stored class
-- counts of the ReaL label set do.
real_class_totals as (
    select model, sum(images) as images, sum(correct) as correct
    from class_results_snapshot
    where label_set = 'real' and scope = 'label_set'
        and named_in($model, model)
    group by model
),

-- The stored mistakes by factor total the stored mistakes on scored images.
scored_mistakes as (
    select model_mistakes_snapshot.model, count(*) as mistakes
    from model_mistakes_snapshot
    inner join imagenet_x_images using (image_number)
    where not imagenet_x_images.prototypical
        and named_in($model, model_mistakes_snapshot.model)
    group by model_mistakes_snapshot.model
),

stored_factor_mistakes as (
    select model, max(all_mistakes) as mistakes, min(all_mistakes) as fewest
    from mistake_factor_counts_snapshot
    where named_in($model, model)
    group by model
),

problems as (
    select
        'predictions cover a different number of images than models.images' as problem,
        models.model,
        format('{} listed, {} predicted', models.images, coalesce(per_model.images, 0)) as detail
    from checked_models as models
    left join per_model using (model)
    where per_model.images is distinct from models.images

    union all
    select
        'longest list of predictions differs from models.top_k',
        models.model,
        format('top_k {}, longest list {}', models.top_k, per_model.top_k)
    from checked_models as models
    inner join per_model using (model)
    where per_model.top_k <> models.top_k

    union all
    select
        'an image is predicted more than once',
        model,
        format('{} rows for {} images', known_rows, images)
    from per_model
    where known_rows <> images

    union all
    select
        'an image has a different number of scores than classes',
        model,
        format('{} images', misscored)
    from per_model
    where misscored > 0

    union all
    select
        'predictions of a model that is not in models',
        model,
        format('{} rows', rows)
    from per_model
    where model not in (select model from models)

    union all
    select
        'predictions for images that are not validation images',
        model,
        format('{} rows', rows)
    from unknown_images

    union all
    select
        'stored results of a model that is not in models',
        model,
        format('{} rows in {}', rows, stored_in)
    from stored_rows
    where $model = 'all' and model not in (select model from models)

    union all
    select
        -- Also stored counts that are missing, or too many.
        'stored class counts differ from the counts of the predictions',
        model,
        'rerun add-model with --replace, or build'
    from stale_counts
    where model in (select model from models)

    union all
    select
        'stored metrics differ from the metrics of the stored counts',
        model,
        'rerun add-model with --replace, or build'
    from stale_metrics
    -- (a stored model that is not in models is an orphan, said above)
    where model in (select model from models union select model from paper_metrics_snapshot)

    union all
    select
        'stored verdicts on its mistakes differ from the rules'' verdicts, or are missing',
        model,
        format('{} mistakes; rerun build', mistakes)
    from models_with_stale_verdicts

    union all
    select
        'stored mistakes differ in number from the stored counts',
        models.model,
        format('{} stored, {} counted', coalesce(stored_mistakes.mistakes, 0),
               coalesce(counted_mistakes.mistakes, 0))
    from checked_models as models
    left join counted_mistakes using (model)
    left join stored_mistakes using (model)
    where coalesce(stored_mistakes.mistakes, 0) <> coalesce(counted_mistakes.mistakes, 0)

    union all
    select
        'stored confusions differ from the pairs of the stored mistakes',
        model,
        'rerun add-model with --replace, or build'
    from stale_pairs
    where model in (select model from models)

    union all
    select
        'stored factor counts cover other images than the predictions',
        factor_images.model,
        format('{} predicted, {} stored', factor_images.images,
               coalesce(stored_factor_images.images, 0))
    from factor_images
    left join stored_factor_images using (model)
    where stored_factor_images.images is distinct from factor_images.images
        or stored_factor_images.fewest <> factor_images.images

    union all
    select
        'stored metaclass counts cover other images than the predictions',
        factor_images.model,
        format('{} predicted, {} stored', factor_images.images,
               coalesce(stored_metaclass_images.images, 0))
    from factor_images
    left join stored_metaclass_images using (model)
    where stored_metaclass_images.images is distinct from factor_images.images
        or stored_metaclass_images.fewest <> factor_images.images

    union all
    select
        'stored soft ReaL totals differ from the stored class counts',
        real_class_totals.model,
        format('{} images, {} right counted; {} images, {} right stored',
               real_class_totals.images, real_class_totals.correct,
               coalesce(real_soft_totals_snapshot.images, 0),
               coalesce(real_soft_totals_snapshot.correct, 0))
    from real_class_totals
    left join real_soft_totals_snapshot using (model)
    where real_class_totals.model in (select model from models)
        and (coalesce(real_soft_totals_snapshot.images, 0) <> real_class_totals.images
            or coalesce(real_soft_totals_snapshot.correct, 0) <> real_class_totals.correct)

    union all
    select
        'stored mistakes by factor differ in number from the stored mistakes',
        scored_mistakes.model,
        format('{} stored mistakes, {} by factor', scored_mistakes.mistakes,
               coalesce(stored_factor_mistakes.mistakes, 0))
    from scored_mistakes
    left join stored_factor_mistakes using (model)
    where scored_mistakes.model in (select model from models)
        and (stored_factor_mistakes.mistakes is distinct from scored_mistakes.mistakes
            or stored_factor_mistakes.fewest <> scored_mistakes.mistakes)

    union all
    select
        'stored image counts differ in total from the stored class counts',
        null,
        format('label set {}: rerun build', label_set)
    from stale_image_totals
)

select * from problems
order by model, problem
