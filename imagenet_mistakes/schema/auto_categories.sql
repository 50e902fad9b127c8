-- auto_categories: a transparent, rule-based category for every mistake of every model,
-- after the automated error analysis of Peychev et al. (NeurIPS 2023): the rules
-- are in auto_categories_live.
-- Models with predictions: as stored when they were added (model_mistakes_snapshot).
-- The paper's models without loaded predictions: worked out now from the
-- mistakes table (2 models: milliseconds).
create or replace view auto_categories as
with

stored as (
    select
        stored.model,
        stored.image_number,
        images.file_name,
        images.label as original_class,
        stored.predicted_class,
        stored.auto_category,
        stored.ancestor_steps,
        stored.co_occurring_images,
        mistakes.category as manual_category,
        mistakes.severity as manual_severity,
        'predictions' as evaluated_from
    from model_mistakes_snapshot as stored
    inner join images using (image_number)
    left join mistakes using (model, image_number)
),

final as (
    select * from stored
    union all
    select
        model,
        image_number,
        file_name,
        original_class,
        predicted_class,
        auto_category,
        ancestor_steps,
        co_occurring_images,
        manual_category,
        manual_severity,
        evaluated_from
    from auto_categories_live
    where evaluated_from = 'mistakes table'
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
COMMENT ON COLUMN auto_categories.evaluated_from IS 'predictions, or the mistakes table for paper models whose predictions are not loaded';
