-- Remove a model ($model): what is stored of its results (data/stored.toml), its
-- predictions, its row, then the verdicts only its mistakes had. A no-op for an unknown model. Its count in each image's
-- count of models is taken off before (uncount_image_verdicts.sql).
{% for aggregate in stored %}
delete from {{ aggregate.table }} where model = $model;
{% endfor %}
delete from predictions where model = $model;
delete from models where model = $model;
-- The verdicts of the pairs of image and predicted class no mistake has any more.
delete from mistake_verdicts_snapshot
where not exists (
    select 1
    from model_mistakes as found
    where found.image_number = mistake_verdicts_snapshot.image_number
        and found.predicted_class = mistake_verdicts_snapshot.predicted_class
);
