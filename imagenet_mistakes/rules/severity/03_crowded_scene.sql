-- gives: major
-- why: the image holds at least 3 correct labels and the model named none of them: in
-- a scene of several objects it picked a wrong one (the paper judged 13 of the 17
-- ViT-3B mistakes it fires on major).
select
    categorised.model,
    categorised.image_number,
    categorised.evaluated_from,
    'the image has ' || count(*) || ' correct labels and the prediction is none of them' as evidence
from categorised
inner join labels using (image_number)
where labels.correct
group by categorised.model, categorised.image_number, categorised.evaluated_from
having count(*) >= 3
