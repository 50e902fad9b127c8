-- auto_categories: a transparent, rule-based category for every mistake of every model,
-- after the automated error analysis of Peychev et al. (NeurIPS 2023), in SQL.
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
create or replace view auto_categories as
with

correct_labels as (
    select image_number, class_id
    from image_labels
    where verdict = 'correct' and label_set in (select label_set from label_sets where analysed)
),

-- The fewest steps up from both the prediction and a correct label to a shared ancestor.
nearest_common_ancestor as (
    select
        model_mistakes.model,
        model_mistakes.image_number,
        min(greatest(predicted.distance, labelled.distance)) as steps
    from model_mistakes
    inner join correct_labels on correct_labels.image_number = model_mistakes.image_number
    inner join class_ancestors as predicted
        on predicted.class_id = model_mistakes.predicted_class
    inner join class_ancestors as labelled
        on labelled.class_id = correct_labels.class_id
        and labelled.ancestor = predicted.ancestor
    where correct_labels.class_id <> model_mistakes.predicted_class
    group by model_mistakes.model, model_mistakes.image_number
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
    select model_mistakes.model, model_mistakes.image_number, class_co_occurrence.images
    from model_mistakes
    inner join class_co_occurrence
        on class_co_occurrence.original_class = model_mistakes.original_class
        and class_co_occurrence.class_id = model_mistakes.predicted_class
),

final as (
    select
        model_mistakes.model,
        model_mistakes.image_number,
        model_mistakes.file_name,
        model_mistakes.original_class,
        model_mistakes.predicted_class,
        case
            when nearest_common_ancestor.steps <= 4 then 'fine-grained'
            when co_occurrence.images >= 2 then 'spurious-correlation'
            else 'unclassified'
        end as auto_category,
        nearest_common_ancestor.steps as ancestor_steps,
        coalesce(co_occurrence.images, 0) as co_occurring_images,
        model_mistakes.manual_category,
        model_mistakes.manual_severity
    from model_mistakes
    left join nearest_common_ancestor using (model, image_number)
    left join co_occurrence using (model, image_number)
)

select * from final;

COMMENT ON VIEW auto_categories IS 'Every model''s mistakes categorised by two SQL rules (fine-grained by WordNet ancestry, spurious-correlation by label co-occurrence), next to the paper''s manual category where there is one';
COMMENT ON COLUMN auto_categories.model IS 'Model';
COMMENT ON COLUMN auto_categories.image_number IS 'Image (images.image_number)';
COMMENT ON COLUMN auto_categories.file_name IS 'Image name, ILSVRC2012_val_XXXXXXXX.JPEG';
COMMENT ON COLUMN auto_categories.original_class IS 'Original ImageNet label';
COMMENT ON COLUMN auto_categories.predicted_class IS 'Top-1 prediction';
COMMENT ON COLUMN auto_categories.auto_category IS 'fine-grained, spurious-correlation or unclassified, by the rules in the view''s SQL';
COMMENT ON COLUMN auto_categories.ancestor_steps IS 'Fewest is-a steps from the prediction and a correct label up to a shared ancestor (NULL: no correct label)';
COMMENT ON COLUMN auto_categories.co_occurring_images IS 'Other annotated images of the same original class whose correct labels include the prediction';
COMMENT ON COLUMN auto_categories.manual_category IS 'The paper''s category, when it categorised this mistake';
COMMENT ON COLUMN auto_categories.manual_severity IS 'The paper''s severity, when it categorised this mistake';
