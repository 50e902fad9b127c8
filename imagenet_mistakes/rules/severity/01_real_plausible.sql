-- gives: minor
-- why: ReaL's raters, asked whether the predicted class is in this very image, gave it
-- a score of at least 0.1: a plausible answer, if not the right one.
select
    candidates.image_number,
    candidates.predicted_class,
    'ReaL''s raters found the prediction plausible here: ' || real_ratings.votes_yes
    || ' yes, ' || real_ratings.votes_maybe || ' maybe, ' || real_ratings.votes_no
    || ' no (score ' || cast(real_ratings.score as decimal(5, 4)) || ')' as evidence
from candidates
inner join real_ratings
    on real_ratings.image_number = candidates.image_number
    and real_ratings.class_id = candidates.predicted_class
where real_ratings.score >= 0.1
