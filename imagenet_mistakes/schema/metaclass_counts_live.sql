-- metaclass_counts_live: per model, reading of right and metaclass (ImageNet-X's
-- 16 named and other), the images ImageNet-X scores whose label is in the
-- metaclass and how many the model gets right, counted now from
-- imagenet_x_image_results. add-model stores a model's rows
-- (metaclass_counts_snapshot) and metaclass_accuracy reads them. Filter on
-- model.
create or replace view metaclass_counts_live as
select
    model,
    reading,
    metaclass,
    count(*) as images,
    count(*) filter (where correct) as correct
from imagenet_x_image_results
group by model, reading, metaclass;

COMMENT ON VIEW metaclass_counts_live IS 'Per model, reading and metaclass: the scored images of the metaclass and the right ones, counted now (CC BY-NC 4.0 annotations: non-commercial use only)';
COMMENT ON COLUMN metaclass_counts_live.model IS 'Model';
COMMENT ON COLUMN metaclass_counts_live.reading IS 'class, real_class or metaclass, as factor_accuracy.reading';
COMMENT ON COLUMN metaclass_counts_live.metaclass IS 'The label''s metaclass (class_metaclasses.metaclass)';
COMMENT ON COLUMN metaclass_counts_live.images IS 'Scored images of the metaclass the model predicted';
COMMENT ON COLUMN metaclass_counts_live.correct IS 'Of those, right under the reading';
