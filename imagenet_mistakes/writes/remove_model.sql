-- Remove a model: what is stored of its results, its predictions, then its row. A no-op for an unknown model.
delete from model_confusions_snapshot where model = $model;
delete from model_mistakes_snapshot where model = $model;
delete from model_metrics_snapshot where model = $model;
delete from class_results_snapshot where model = $model;
delete from predictions where model = $model;
delete from models where model = $model;
