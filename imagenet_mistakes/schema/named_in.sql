-- named_in(names, model): whether `names` ('all', or model names separated by commas)
-- takes the model. A scalar macro, so a filter with a constant `names` is an
-- expression on the model column, which DuckDB takes into the scans of the views
-- below it; query integrity filters every read with it (a join with
-- models_among's rows it applies only after counting every model).
create or replace macro named_in(names, model) as
names = 'all' or list_contains(string_split(names, ','), model);
