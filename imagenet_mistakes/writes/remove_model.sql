-- Remove a model ($model): what is stored of its results (data/stored.toml), its
-- predictions, then its row. A no-op for an unknown model. Its count in each image's
-- count of models is taken off before (uncount_image_verdicts.sql).
{% for aggregate in stored %}
delete from {{ aggregate.table }} where model = $model;
{% endfor %}
delete from predictions where model = $model;
delete from models where model = $model;
