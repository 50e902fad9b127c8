-- real_soft_totals_live: per model, the totals soft ReaL accuracy divides,
-- summed now from real_soft_results: the ReaL-scored images it predicted,
-- those whose top-1 ReaL lists, those ReaL's raters saw, and the sum of the
-- top-1's scores. add-model stores a model's row (real_soft_totals_snapshot)
-- and real_soft_accuracy reads it. Filter on model.
create or replace view real_soft_totals_live as
select
    model,
    count(*) as images,
    count(*) filter (where correct) as correct,
    count(*) filter (where rated) as rated_images,
    -- Added in image order: the same bits however DuckDB splits the work among
    -- threads (a plain sum differed in its last bits between two builds).
    sum(soft_score order by image_number) as soft_score_sum
from real_soft_results
group by model;

COMMENT ON VIEW real_soft_totals_live IS 'Per model: the ReaL-scored images, right ones, rated ones and the sum of the top-1''s ReaL scores, counted now';
COMMENT ON COLUMN real_soft_totals_live.model IS 'Model';
COMMENT ON COLUMN real_soft_totals_live.images IS 'Images with a non-empty ReaL list the model predicted';
COMMENT ON COLUMN real_soft_totals_live.correct IS 'Of those, images whose top-1 ReaL lists';
COMMENT ON COLUMN real_soft_totals_live.rated_images IS 'Of those, images ReaL''s raters saw';
COMMENT ON COLUMN real_soft_totals_live.soft_score_sum IS 'Sum of real_soft_results.soft_score over the images, added in image order';
