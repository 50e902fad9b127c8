-- gives: major
-- why: the image holds at least 3 correct labels and the model named none of them: in
-- a scene of several objects it picked a wrong one (the paper judged 13 of the 17
-- ViT-3B mistakes it fires on major).
select
    candidates.model,
    candidates.image_number,
    candidates.evaluated_from,
    'the image has ' || count(*) || ' correct labels and the prediction is none of them' as evidence
from mistake_candidates as candidates
inner join mistake_labels as labels using (image_number)
where labels.correct
group by candidates.model, candidates.image_number, candidates.evaluated_from
having count(*) >= 3
