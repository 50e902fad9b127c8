-- The models an `among` value names (models_among): all, a zoo, or names separated by
-- commas; in order.
select model
from models_among($among)
order by model
