-- gives: major
-- why: the image holds at least 3 correct labels and the model named none of them: in
-- a scene of several objects it picked a wrong one (the paper judged 13 of the 17
-- ViT-3B mistakes it fires on major).
select
    candidates.image_number,
    candidates.predicted_class,
    'the image has ' || count(*) || ' correct labels and the prediction is none of them' as evidence
from candidates
inner join mistake_labels as labels using (image_number)
where labels.correct
group by candidates.image_number, candidates.predicted_class
having count(*) >= 3
