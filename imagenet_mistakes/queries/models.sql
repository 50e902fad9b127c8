-- The models in the database: where their predictions came from, how deep, on how many images.
-- Parameters: none.
select model, source, top_k, images, added_at, description
from models
order by model
