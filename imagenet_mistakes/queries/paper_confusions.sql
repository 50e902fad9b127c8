-- The paper's confused class pairs with class names, most frequent first.
-- Parameters: none.
select *
from paper_confusions
order by frequency desc, class_a, class_b
