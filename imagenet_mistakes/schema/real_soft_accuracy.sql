-- real_soft_accuracy: per model, ReaL accuracy beside its soft form, the
-- mean of real_soft_results.soft_score over the same images: a top-1 the
-- raters doubted counts for less than one they were sure of. From the totals
-- add-model stored (real_soft_totals_snapshot; real_soft_totals_live sums
-- afresh).
create or replace view real_soft_accuracy as
select
    model,
    images,
    correct / images as real_accuracy,
    soft_score_sum / images as soft_real_accuracy,
    rated_images
from real_soft_totals_snapshot;

COMMENT ON VIEW real_soft_accuracy IS 'Per model: ReaL accuracy and soft ReaL accuracy (the mean ReaL score of the top-1)';
COMMENT ON COLUMN real_soft_accuracy.model IS 'Model';
COMMENT ON COLUMN real_soft_accuracy.images IS 'Images with a non-empty ReaL list the model predicted';
COMMENT ON COLUMN real_soft_accuracy.real_accuracy IS 'Share whose top-1 ReaL lists (the leaderboard''s real)';
COMMENT ON COLUMN real_soft_accuracy.soft_real_accuracy IS 'Mean ReaL score of the top-1 (real_soft_results.soft_score)';
COMMENT ON COLUMN real_soft_accuracy.rated_images IS 'Of those, images ReaL''s raters saw';
