-- Which of the file's models are the same weights as a published one, from the numbers.
-- Parameters: none.
-- Which models of this file are the same weights as a published model, judged from the
-- numbers; same names with other numbers too.
select *
from crosswalk
order by model, verdict desc, source, published_model, image_size
