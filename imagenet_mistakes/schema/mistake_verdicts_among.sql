-- mistake_verdicts_among(among): the rules' verdict on each pair of an image and a
-- predicted class the mistakes of some models have, worked out now, as
-- mistake_verdicts_live gives it on every pair (both render rules/verdicts.sql).
-- `among` as models_among takes it; 'all' also takes the paper's models. The models
-- filter the pairs before the rules join them, so `query integrity -p model=` judges
-- one model's pairs, not the file's. A DuckDB table macro for that query.
create or replace macro mistake_verdicts_among(among) as table
{{ verdicts("(
        select image_number, original_class, predicted_class
        from model_mistakes
        where among = 'all' or model in (select model from models_among(among))
    )") }};
