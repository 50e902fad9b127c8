-- model_confusions: each model's (original label, prediction) pairs among its mistakes,
-- marked where the paper lists the pair.
create or replace view model_confusions as
with

-- Models with predictions: as counted when they were added; the paper's
-- models without loaded predictions: counted now (2 models: milliseconds).
pairs as (
    select model, original_class, predicted_class, mistakes
    from model_confusions_snapshot
    union all
    select model, original_class, predicted_class, mistakes
    from model_confusions_live
    where evaluated_from = 'mistakes table'
),

-- The paper's pairs in both orders, once each.
paper_pairs as (
    select class_a as class_x, class_b as class_y from confusions
    union
    select class_b, class_a from confusions
),

final as (
    select
        pairs.model,
        pairs.original_class,
        original.name as original_name,
        pairs.predicted_class,
        predicted.name as predicted_name,
        pairs.mistakes,
        paper_pairs.class_x is not null as in_paper
    from pairs
    inner join classes as original on original.class_id = pairs.original_class
    inner join classes as predicted on predicted.class_id = pairs.predicted_class
    left join paper_pairs
        on paper_pairs.class_x = pairs.original_class and paper_pairs.class_y = pairs.predicted_class
)

select * from final;

COMMENT ON VIEW model_confusions IS 'Each model''s (original label, prediction) pairs among its mistakes on the multi-label set';
COMMENT ON COLUMN model_confusions.model IS 'Model';
COMMENT ON COLUMN model_confusions.original_class IS 'Original label of the images';
COMMENT ON COLUMN model_confusions.original_name IS 'Its name';
COMMENT ON COLUMN model_confusions.predicted_class IS 'What the model predicted instead (neither correct nor unclear)';
COMMENT ON COLUMN model_confusions.predicted_name IS 'Its name';
COMMENT ON COLUMN model_confusions.mistakes IS 'Images with this pair';
COMMENT ON COLUMN model_confusions.in_paper IS 'The paper lists the pair, in either order, among its class confusions';
