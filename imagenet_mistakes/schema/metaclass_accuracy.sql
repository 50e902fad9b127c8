-- metaclass_accuracy: per model and metaclass (ImageNet-X's 16 named and
-- other), the accuracy on the images ImageNet-X scores whose label is in
-- it, under each reading of right. From the counts add-model stored
-- (metaclass_counts_snapshot; metaclass_counts_live counts afresh).
create or replace view metaclass_accuracy as
select
    model,
    reading,
    metaclass,
    images,
    correct,
    correct / images as accuracy
from metaclass_counts_snapshot;

COMMENT ON VIEW metaclass_accuracy IS 'Per model, reading and metaclass: accuracy on the images ImageNet-X scores whose label is in the metaclass (CC BY-NC 4.0 annotations: non-commercial use only)';
COMMENT ON COLUMN metaclass_accuracy.model IS 'Model';
COMMENT ON COLUMN metaclass_accuracy.reading IS 'class, real_class or metaclass, as factor_accuracy.reading';
COMMENT ON COLUMN metaclass_accuracy.metaclass IS 'The label''s metaclass (class_metaclasses.metaclass)';
COMMENT ON COLUMN metaclass_accuracy.images IS 'Scored images of the metaclass the model predicted';
COMMENT ON COLUMN metaclass_accuracy.correct IS 'Of those, right under the reading';
COMMENT ON COLUMN metaclass_accuracy.accuracy IS 'correct / images';
