-- image_difficulty: for every image a label set scores, how many of this
-- file's models get it wrong under that label set (top-1 neither a correct
-- nor an unclear label, as multi-label accuracy counts it), and, for the
-- images in ETH's common-error lists, how many of ETH's published models do,
-- with the error type and prediction ETH lists most often for it.
-- The counts are stored as models are added (image_difficulty_snapshot).
create or replace view image_difficulty as
with

-- An image can be listed under several error types (another prediction
-- each); the one most models make speaks for it (ties: the first type by name).
eth_ranked as (
    select
        image_number,
        error_type,
        predicted_class,
        models_wrong,
        row_number() over (
            partition by image_number order by models_wrong desc, error_type
        ) as place
    from published_image_errors
    where source = 'eth'
),

eth as (
    select image_number, error_type, predicted_class, models_wrong
    from eth_ranked
    where place = 1
),

final as (
    select
        counts.label_set,
        counts.image_number,
        images.file_name,
        images.label as original_class,
        counts.models,
        counts.models_wrong,
        counts.models_wrong / counts.models as share_wrong,
        eth.error_type as eth_error_type,
        eth.predicted_class as eth_predicted_class,
        eth.models_wrong as eth_models_wrong,
        case when eth.image_number is not null then (
            select count(*) from published_models where source = 'eth'
        ) end as eth_models
    from image_difficulty_snapshot as counts
    inner join images using (image_number)
    left join eth using (image_number)
)

select * from final;

COMMENT ON VIEW image_difficulty IS 'Per label set and scored image: how many of this file''s models get it wrong, and how many of ETH''s 962 published models do where ETH lists it';
COMMENT ON COLUMN image_difficulty.label_set IS 'Label set judging the predictions';
COMMENT ON COLUMN image_difficulty.image_number IS 'Image (images.image_number)';
COMMENT ON COLUMN image_difficulty.file_name IS 'Image name, ILSVRC2012_val_XXXXXXXX.JPEG';
COMMENT ON COLUMN image_difficulty.original_class IS 'The image''s original ImageNet label';
COMMENT ON COLUMN image_difficulty.models IS 'Models of this file with predictions for the image';
COMMENT ON COLUMN image_difficulty.models_wrong IS 'Of those, how many have a top-1 that is neither a correct nor an unclear label';
COMMENT ON COLUMN image_difficulty.share_wrong IS 'models_wrong / models';
COMMENT ON COLUMN image_difficulty.eth_error_type IS 'ETH''s error type of the most common listed mistake on the image (published_image_errors); NULL when ETH does not list the image';
COMMENT ON COLUMN image_difficulty.eth_predicted_class IS 'The prediction of that mistake';
COMMENT ON COLUMN image_difficulty.eth_models_wrong IS 'How many of ETH''s published models make that mistake';
COMMENT ON COLUMN image_difficulty.eth_models IS 'How many models ETH evaluated (published_models of source eth)';
