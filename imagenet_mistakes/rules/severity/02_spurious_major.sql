-- gives: major
-- if category: spurious-correlation
-- why: a spurious correlation names something other than the object: the paper judged
-- most of them major (37 of ViT-3B's 52).
select
    image_number,
    predicted_class,
    'a spurious correlation: the prediction is not the object the image shows' as evidence
from candidates
