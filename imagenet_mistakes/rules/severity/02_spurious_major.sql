-- gives: major
-- why: a spurious correlation names something other than the object: the paper judged
-- most of them major (37 of ViT-3B's 52).
select
    categorised.model,
    categorised.image_number,
    categorised.evaluated_from,
    'a spurious correlation: the prediction is not the object the image shows' as evidence
from categorised
where categorised.category = 'spurious-correlation'
