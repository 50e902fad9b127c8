-- Anything that would make a model's numbers wrong, one row per problem; no rows means consistent.
-- Parameters: none.
-- It recomputes every model's metrics live (model_metrics_live): seconds for many models.
with

-- One pass over the predictions, per image: its ranks, and a bit per rank up to 125.
per_image as (
    select
        model,
        image_number,
        count(*) as ranks,
        min(rank) as lowest,
        max(rank) as deepest,
        bit_or(case when rank <= 125 then 1::hugeint << rank end) as rank_bits
    from predictions
    group by model, image_number
),

per_model as (
    select model, count(*) as images, max(deepest) as top_k, sum(ranks) as rows
    from per_image
    group by model
),

-- Ranks 1..n once each per image: n rows whose lowest rank is 1 and highest n,
-- and every rank present: up to 125 ranks the bits show it; deeper (add-model
-- --k 1000, rare) needs a distinct count of the ranks, which is slow.
ragged_images as (
    select model, count(*) as images
    from (
        select model, image_number
        from per_image
        where lowest <> 1 or deepest <> ranks
            or (ranks <= 125 and rank_bits <> (1::hugeint << (ranks + 1)) - 2)
        union
        select model, image_number
        from predictions
        where model in (select model from per_image where ranks > 125)
        group by model, image_number
        having count(distinct rank) <> count(*)
    )
    group by model
),

unknown_images as (
    select model, count(*) as rows
    from predictions
    where image_number not in (select image_number from images)
    group by model
),

snapshot_rows as (
    select model, count(*) as rows
    from model_metrics_snapshot
    group by model
),

-- Compared exactly: metrics are computed from integer counts, so the same
-- predictions give the same bits every time.
live as (
    select model, metric, value, hits, images, classes
    from model_metrics_live
    where evaluated_from = 'predictions'
),

stored as (
    select model, metric, value, hits, images, classes
    from model_metrics_snapshot
),

stale as (
    (select * from stored except select * from live)
    union
    (select * from live except select * from stored)
),

problems as (
    select
        'predictions cover a different number of images than models.images' as problem,
        models.model,
        format('{} listed, {} predicted', models.images, coalesce(per_model.images, 0)) as detail
    from models
    left join per_model using (model)
    where per_model.images is distinct from models.images

    union all
    select
        'deepest rank differs from models.top_k',
        models.model,
        format('top_k {}, deepest rank {}', models.top_k, per_model.top_k)
    from models
    inner join per_model using (model)
    where per_model.top_k <> models.top_k

    union all
    select
        'an image has a repeated or missing rank',
        model,
        format('{} images', images)
    from ragged_images

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
        'stored metrics of a model that is not in models',
        model,
        format('{} rows in model_metrics_snapshot', rows)
    from snapshot_rows
    where model not in (select model from models)

    union all
    select distinct
        -- Also a stored metric that is missing, or one too many.
        'stored metrics differ from the metrics of the predictions',
        model,
        'rerun add-model with --replace, or build'
    from stale
    where model in (select model from models)
)

select * from problems
order by model, problem
