-- real_ratings: every (image, class) question ReaL's raters answered
-- (Beyer et al. 2020; 184,962 on 24,889 images), with its Dawid & Skene
-- score and the raters' votes. ReaL's labels (label set real) are the
-- classes scoring at least 0.8; the images raters never saw kept the labels
-- every model agreed on, without a question.
CREATE TABLE IF NOT EXISTS real_ratings (
    image_number INTEGER NOT NULL REFERENCES images (image_number),
    class_id     INTEGER NOT NULL REFERENCES classes (class_id),
    score        DOUBLE NOT NULL CHECK (score BETWEEN 0 AND 1),
    votes_no     INTEGER NOT NULL CHECK (votes_no >= 0),
    votes_maybe  INTEGER NOT NULL CHECK (votes_maybe >= 0),
    votes_yes    INTEGER NOT NULL CHECK (votes_yes >= 0),
    PRIMARY KEY (image_number, class_id)
);

COMMENT ON TABLE real_ratings IS 'ReaL''s rated questions: is this class right for this image; score and votes';
COMMENT ON COLUMN real_ratings.image_number IS 'Image (images.image_number)';
COMMENT ON COLUMN real_ratings.class_id IS 'The class the raters were asked about';
COMMENT ON COLUMN real_ratings.score IS 'Dawid & Skene posterior that the class is right (scores.npz); ReaL labels are those >= 0.8';
COMMENT ON COLUMN real_ratings.votes_no IS 'Raters who answered no (raters.npz)';
COMMENT ON COLUMN real_ratings.votes_maybe IS 'Raters who answered maybe';
COMMENT ON COLUMN real_ratings.votes_yes IS 'Raters who answered yes';
