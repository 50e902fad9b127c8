-- Copy the models and predictions of the database being replaced into a new
-- build, so rebuilding never loses a user's models; their metrics are
-- computed afresh against the new labels.
attach $previous as previous (read_only);
insert into models by name select * from previous.models;
insert into predictions by name select * from previous.predictions order by model, file_name, rank;
insert into model_metrics_snapshot select * from model_metrics;
detach previous;
