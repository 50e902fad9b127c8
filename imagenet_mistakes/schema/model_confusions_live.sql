-- model_confusions_live: each model's (original label, prediction) pairs among its
-- mistakes, counted now. Stored per model when it is added (model_confusions_snapshot):
-- counted over every model at once, the pairs took seconds before model_confusions
-- showed its first row.
create or replace view model_confusions_live as
select model, original_class, predicted_class, count(*) as mistakes, evaluated_from
from model_mistakes
group by model, original_class, predicted_class, evaluated_from;

COMMENT ON VIEW model_confusions_live IS 'Each model''s (original label, prediction) pairs among its mistakes, counted now (model_confusions reads what was stored when each model was added)';
COMMENT ON COLUMN model_confusions_live.model IS 'Model';
COMMENT ON COLUMN model_confusions_live.original_class IS 'Original label of the images';
COMMENT ON COLUMN model_confusions_live.predicted_class IS 'What the model predicted instead';
COMMENT ON COLUMN model_confusions_live.mistakes IS 'Images with this pair';
COMMENT ON COLUMN model_confusions_live.evaluated_from IS 'predictions, or the mistakes table for paper models whose predictions are not loaded';
