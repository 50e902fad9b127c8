-- factor_accuracy: per model, each factor of variation's accuracy and
-- ImageNet-X's error ratio (the error rate on the images showing the factor
-- over the error rate on all), as aggregate.py computes them, for every
-- factor an image shows (selection multi) or only its top factor (top),
-- under each reading of right (class, real_class, metaclass). From the
-- counts add-model stored (factor_counts_snapshot; factor_counts_live counts
-- afresh).
create or replace view factor_accuracy as
select
    model,
    selection,
    reading,
    factor,
    images,
    correct,
    correct / images as accuracy,
    all_correct / all_images as average_accuracy,
    (1 - correct / images) / nullif(1 - all_correct / all_images, 0) as error_ratio,
    all_images
from factor_counts_snapshot;

COMMENT ON VIEW factor_accuracy IS 'Per model, factor selection (multi, top), reading (class, real_class, metaclass) and factor: accuracy on the images showing the factor and ImageNet-X''s error ratio (CC BY-NC 4.0 annotations: non-commercial use only)';
COMMENT ON COLUMN factor_accuracy.model IS 'Model';
COMMENT ON COLUMN factor_accuracy.selection IS 'multi: every factor an image shows counts; top: only its top factor';
COMMENT ON COLUMN factor_accuracy.reading IS 'What counts as right: class (the original label), real_class (a ReaL label), metaclass (the label''s metaclass)';
COMMENT ON COLUMN factor_accuracy.factor IS 'Factor of variation (image_factors.factor)';
COMMENT ON COLUMN factor_accuracy.images IS 'Scored images showing the factor that the model predicted';
COMMENT ON COLUMN factor_accuracy.correct IS 'Of those, right under the reading';
COMMENT ON COLUMN factor_accuracy.accuracy IS 'correct / images';
COMMENT ON COLUMN factor_accuracy.average_accuracy IS 'Accuracy on all scored images the model predicted (ImageNet-X''s average)';
COMMENT ON COLUMN factor_accuracy.error_ratio IS '(1 - accuracy) / (1 - average_accuracy): above 1, the factor makes the model err more than it does overall; NULL when it errs nowhere';
COMMENT ON COLUMN factor_accuracy.all_images IS 'Scored images the model predicted';
