-- class_accuracy: each model's accuracy on the in-scope images of each original class, per label set.
create or replace view class_accuracy as
select
    model,
    label_set,
    class_id,
    images,
    correct::double / nullif(images, 0) as accuracy,
    correct_or_unclear::double / nullif(images, 0) as lenient_accuracy,
    top5_correct::double / nullif(images, 0) as top5_accuracy
from class_results
where scope = 'label_set' and images > 0;

COMMENT ON VIEW class_accuracy IS 'Accuracy of each model on each original class, per label set, over the images in scope';
COMMENT ON COLUMN class_accuracy.model IS 'Model';
COMMENT ON COLUMN class_accuracy.label_set IS 'Label set';
COMMENT ON COLUMN class_accuracy.class_id IS 'Original ImageNet class of the images';
COMMENT ON COLUMN class_accuracy.images IS 'In-scope images of the class the model has predictions for';
COMMENT ON COLUMN class_accuracy.accuracy IS 'Fraction whose top-1 is a correct label (NULL when unknown)';
COMMENT ON COLUMN class_accuracy.lenient_accuracy IS 'Fraction whose top-1 is a correct or unclear label';
COMMENT ON COLUMN class_accuracy.top5_accuracy IS 'Fraction with a correct label among the top 5; NULL for models with fewer than 5 predictions per image';
