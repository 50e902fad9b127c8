-- image_difficulty_live: for every image a label set scores, how many of
-- this file's models get it wrong under that label set (top-1 neither a
-- correct nor an unclear label, as multi-label accuracy counts it), counted
-- now from image_results: every model's rows are read before the first row
-- (1.2 s for the 67 zoo models). add-model and remove-model keep the counts
-- in image_difficulty_snapshot, which image_difficulty reads; `query
-- integrity` compares the two.
create or replace view image_difficulty_live as
select
    label_set,
    image_number,
    count(*) as models,
    count(*) filter (where not correct_or_unclear) as models_wrong
from image_results
group by label_set, image_number;

COMMENT ON VIEW image_difficulty_live IS 'image_difficulty_snapshot counted now from the predictions: slow over many models';
COMMENT ON COLUMN image_difficulty_live.label_set IS 'Label set judging the predictions';
COMMENT ON COLUMN image_difficulty_live.image_number IS 'Image (images.image_number)';
COMMENT ON COLUMN image_difficulty_live.models IS 'Models with predictions for the image';
COMMENT ON COLUMN image_difficulty_live.models_wrong IS 'Of those, how many have a top-1 that is neither a correct nor an unclear label';
