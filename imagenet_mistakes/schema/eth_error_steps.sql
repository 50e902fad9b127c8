-- eth_error_steps: every top-1 error of every model with predictions on the
-- analysed images (top-1 other than the original label, as ETH count them),
-- typed by the first, deterministic steps of ETH's classify_error
-- (src/evaluation.py at d32916d2), in their order: collapsed_mappings when
-- the prediction is one of ETH's collapsed classes of the original label,
-- else ambiguous when it is a correct or unclear multi-label. NULL for the
-- rest: ETH's later steps (their superclasses, CLIP) are not re-implemented.
-- For those, common_co_occurrence says whether ETH's co-occurrence step could
-- take the error: one of the image's multi-labels and the prediction form a
-- pair of eth_co_occurrence_pairs. ETH's own count is at most the number of
-- these, as their pairs are fewer and their superclass and CLIP steps come
-- first. Counted live, as it streams; filter on model.
create or replace view eth_error_steps as
with

errors as (
    select model, image_number, original_class, top1_class
    from image_results
    where label_set = 'original' and not correct
        and image_number in (
            select image_number
            from image_scope
            where label_set in (select label_set from label_sets where analysed)
        )
),

-- The classes the analysed label set accepts (correct or unclear) per image:
-- a small table to look each error up in, so the view streams.
analysed_labels as (
    select image_number, class_id
    from accepted_labels
    where label_set in (select label_set from label_sets where analysed)
),

-- The classes that commonly co-occur with one of an image's multi-labels.
co_occurring as (
    select distinct analysed_labels.image_number, eth_co_occurrence_pairs.co_occurring_class
    from analysed_labels
    inner join eth_co_occurrence_pairs using (class_id)
),

final as (
    select
        errors.model,
        errors.image_number,
        errors.original_class,
        errors.top1_class as predicted_class,
        case
            when eth_collapsed_classes.class_id is not null then 'collapsed_mappings'
            when analysed_labels.class_id is not null then 'ambiguous'
        end as error_type,
        eth_collapsed_classes.class_id is null and analysed_labels.class_id is null
            and co_occurring.co_occurring_class is not null as common_co_occurrence
    from errors
    left join eth_collapsed_classes
        on eth_collapsed_classes.class_id = errors.original_class
        and eth_collapsed_classes.also_correct = errors.top1_class
    left join analysed_labels
        on analysed_labels.image_number = errors.image_number
        and analysed_labels.class_id = errors.top1_class
    left join co_occurring
        on co_occurring.image_number = errors.image_number
        and co_occurring.co_occurring_class = errors.top1_class
)

select * from final;

COMMENT ON VIEW eth_error_steps IS 'Each top-1 error of each model on the analysed images, typed by ETH''s deterministic first steps (collapsed_mappings, ambiguous); NULL where ETH''s later steps would decide';
COMMENT ON COLUMN eth_error_steps.model IS 'Model';
COMMENT ON COLUMN eth_error_steps.image_number IS 'Image (images.image_number)';
COMMENT ON COLUMN eth_error_steps.original_class IS 'The image''s original label';
COMMENT ON COLUMN eth_error_steps.predicted_class IS 'The model''s top-1, not the original label';
COMMENT ON COLUMN eth_error_steps.error_type IS 'collapsed_mappings (eth_collapsed_classes), ambiguous (a correct or unclear multi-label), or NULL: not decided by these steps';
COMMENT ON COLUMN eth_error_steps.common_co_occurrence IS 'Not decided by these steps, and a multi-label of the image commonly co-occurs with the prediction (eth_co_occurrence_pairs): ETH''s co-occurrence step could take it';
