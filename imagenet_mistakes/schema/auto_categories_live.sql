-- auto_categories_live: a transparent, rule-based category for every mistake of every model,
-- after the automated error analysis of Peychev et al. (NeurIPS 2023), in SQL,
-- worked out now. add-model stores a model's (model_mistakes_live_snapshot), which
-- auto_categories reads.
--
-- Rule 1, fine-grained: the prediction and one of the image's correct labels
--   (multilabel_v3) share a WordNet ancestor at most 4 is-a steps above each
--   (class_ancestors). E.g. two terriers meet at 'terrier' after 1 step.
-- Rule 2, spurious-correlation (co-occurrence): otherwise, when the predicted
--   class is a correct label of at least 2 other annotated images with the
--   same original label: the two classes appear together, but are not alike.
-- Otherwise 'unclassified': the rules do not guess non-prototypical or
--   out-of-vocabulary mistakes, which need the image itself.
--
-- The thresholds were chosen on ViT-3B's categorised mistakes (4 steps gave
-- the best F1 for fine-grained of 1 to 5; 2 images is the least "frequent"
-- that is more than a coincidence) and then scored unchanged on Greedy Soups:
-- see auto_category_scores.
create or replace view auto_categories_live as
with

correct_labels as (
    select image_number, class_id
    from image_labels
    where verdict = 'correct' and label_set in (select label_set from label_sets where analysed)
),

-- The fewest steps up from both the prediction and a correct label to a shared ancestor.
-- (evaluated_from is a key of the joins below so that a filter on it, as
-- auto_categories applies, reaches every read of model_mistakes_live.)
nearest_common_ancestor as (
    select
        found.model,
        found.image_number,
        found.evaluated_from,
        min(greatest(predicted.distance, labelled.distance)) as steps
    from model_mistakes_live as found
    inner join correct_labels on correct_labels.image_number = found.image_number
    inner join class_ancestors as predicted on predicted.class_id = found.predicted_class
    inner join class_ancestors as labelled
        on labelled.class_id = correct_labels.class_id
        and labelled.ancestor = predicted.ancestor
    where correct_labels.class_id <> found.predicted_class
    group by found.model, found.image_number, found.evaluated_from
),

-- Annotated images of each original class that list a class as correct: a
-- class-pair count, worked out once and joined to the mistakes (counting the
-- same-class images of every mistake of every model ran out of memory).
class_co_occurrence as (
    select images.label as original_class, correct_labels.class_id, count(*) as images
    from correct_labels
    inner join images using (image_number)
    group by images.label, correct_labels.class_id
),

-- Other annotated images of the mistake's original class that list its prediction as
-- correct. (The mistaken image itself never does: its prediction is not a correct label.)
co_occurrence as (
    select found.model, found.image_number, found.evaluated_from, class_co_occurrence.images
    from model_mistakes_live as found
    inner join class_co_occurrence
        on class_co_occurrence.original_class = found.original_class
        and class_co_occurrence.class_id = found.predicted_class
),

final as (
    select
        found.model,
        found.image_number,
        found.file_name,
        found.original_class,
        found.predicted_class,
        case
            when nearest_common_ancestor.steps <= 4 then 'fine-grained'
            when co_occurrence.images >= 2 then 'spurious-correlation'
            else 'unclassified'
        end as auto_category,
        nearest_common_ancestor.steps as ancestor_steps,
        coalesce(co_occurrence.images, 0) as co_occurring_images,
        found.manual_category,
        found.manual_severity,
        found.evaluated_from
    from model_mistakes_live as found
    left join nearest_common_ancestor using (model, image_number, evaluated_from)
    left join co_occurrence using (model, image_number, evaluated_from)
)

select * from final;

COMMENT ON VIEW auto_categories_live IS 'auto_categories worked out now from the predictions: slow over many models; auto_categories reads the stored categories';
COMMENT ON COLUMN auto_categories_live.model IS 'As auto_categories.model';
COMMENT ON COLUMN auto_categories_live.image_number IS 'As auto_categories.image_number';
COMMENT ON COLUMN auto_categories_live.file_name IS 'As auto_categories.file_name';
COMMENT ON COLUMN auto_categories_live.original_class IS 'As auto_categories.original_class';
COMMENT ON COLUMN auto_categories_live.predicted_class IS 'As auto_categories.predicted_class';
COMMENT ON COLUMN auto_categories_live.auto_category IS 'As auto_categories.auto_category';
COMMENT ON COLUMN auto_categories_live.ancestor_steps IS 'As auto_categories.ancestor_steps';
COMMENT ON COLUMN auto_categories_live.co_occurring_images IS 'As auto_categories.co_occurring_images';
COMMENT ON COLUMN auto_categories_live.manual_category IS 'As auto_categories.manual_category';
COMMENT ON COLUMN auto_categories_live.manual_severity IS 'As auto_categories.manual_severity';
COMMENT ON COLUMN auto_categories_live.evaluated_from IS 'As auto_categories.evaluated_from';
