-- model_confusions: each model's (original label, prediction) pairs among its mistakes,
-- marked where the paper lists the pair.
create or replace view model_confusions as
with

pairs as (
    select model, original_class, predicted_class, count(*) as mistakes
    from model_mistakes
    group by model, original_class, predicted_class
),

final as (
    select
        pairs.model,
        pairs.original_class,
        original.name as original_name,
        pairs.predicted_class,
        predicted.name as predicted_name,
        pairs.mistakes,
        exists (
            select 1
            from confusions
            where (confusions.class_a = pairs.original_class and confusions.class_b = pairs.predicted_class)
                or (confusions.class_b = pairs.original_class and confusions.class_a = pairs.predicted_class)
        ) as in_paper
    from pairs
    inner join classes as original on original.class_id = pairs.original_class
    inner join classes as predicted on predicted.class_id = pairs.predicted_class
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
