-- real_soft_results: per model and image ReaL scores (a non-empty ReaL
-- list), how sure ReaL's raters are of the model's top-1: its score
-- (real_ratings) on the images raters saw, 0 for a class they were not asked
-- about there (every ReaL label of such an image was asked); on the images
-- they never saw, 1 for a ReaL label and 0 otherwise, as those labels were
-- kept without doubt. Soft ReaL accuracy is its mean (real_soft_accuracy).
create or replace view real_soft_results as
with

real_results as (
    select model, image_number, top1_class, correct
    from image_results
    where label_set = 'real'
),

rated_images as (
    select distinct image_number
    from real_ratings
),

final as (
    select
        real_results.model,
        real_results.image_number,
        real_results.top1_class,
        real_results.correct,
        rated_images.image_number is not null as rated,
        case
            when rated_images.image_number is not null then coalesce(real_ratings.score, 0)
            when real_results.correct then 1.0
            else 0.0
        end as soft_score,
        real_ratings.votes_yes,
        real_ratings.votes_maybe,
        real_ratings.votes_no
    from real_results
    left join rated_images using (image_number)
    left join real_ratings
        on real_ratings.image_number = real_results.image_number
        and real_ratings.class_id = real_results.top1_class
)

select * from final;

COMMENT ON VIEW real_soft_results IS 'Per model and ReaL-scored image: the top-1, whether ReaL lists it, and how sure ReaL''s raters are of it';
COMMENT ON COLUMN real_soft_results.model IS 'Model';
COMMENT ON COLUMN real_soft_results.image_number IS 'Image (images.image_number); one with a non-empty ReaL list';
COMMENT ON COLUMN real_soft_results.top1_class IS 'The model''s top-1';
COMMENT ON COLUMN real_soft_results.correct IS 'ReaL lists the top-1 (ReaL accuracy''s hit)';
COMMENT ON COLUMN real_soft_results.rated IS 'ReaL''s raters saw the image';
COMMENT ON COLUMN real_soft_results.soft_score IS 'The top-1''s ReaL score: its score where the image was rated (0 if not asked), else 1 if ReaL lists it and 0 if not';
COMMENT ON COLUMN real_soft_results.votes_yes IS 'Raters who said yes to the top-1; NULL when not asked';
COMMENT ON COLUMN real_soft_results.votes_maybe IS 'Raters who said maybe; NULL when not asked';
COMMENT ON COLUMN real_soft_results.votes_no IS 'Raters who said no; NULL when not asked';
