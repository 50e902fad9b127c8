-- The names of the models with predictions, in order.
select model
from models
order by model
