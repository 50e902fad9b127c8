-- Copy the models and predictions of the database being replaced (attached
-- as `previous`) into a new build, so rebuilding never loses a user's models.
-- Their results are then worked out afresh against the new labels, one model
-- at a time (store_model_results).
-- The predictions keep their order (by model, as they were added), so a
-- model's rows stay together for `where model = ...` scans.
insert into models by name select * from previous.models;
insert into predictions by name select * from previous.predictions;
