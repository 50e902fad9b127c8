-- gives: spurious-correlation
-- why: ReaL's raters were asked whether the predicted class is in this very image and
-- said no (a score below 0.005): the model named something the image does not show,
-- so it answered from context. (0.005: the best spurious-correlation F1 on ViT-3B's
-- verdicts among 0.002 to 0.05.)
select
    candidates.image_number,
    candidates.predicted_class,
    'ReaL''s raters said the prediction is not in this image: ' || real_ratings.votes_yes
    || ' yes, ' || real_ratings.votes_maybe || ' maybe, ' || real_ratings.votes_no
    || ' no (score ' || cast(real_ratings.score as decimal(5, 4)) || ')' as evidence
from candidates
inner join real_ratings
    on real_ratings.image_number = candidates.image_number
    and real_ratings.class_id = candidates.predicted_class
where real_ratings.score < 0.005
