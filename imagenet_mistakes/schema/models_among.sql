-- models_among(among): the models a user counts among, as the named queries'
-- `-p among=` gives them: 'all', a zoo (models.zoo: imagenetv2, timm2022) or model
-- names separated by commas. A DuckDB table macro for the named queries.
create or replace macro models_among(among) as table
select model
from models
where zoo = among or named_in(among, model);
