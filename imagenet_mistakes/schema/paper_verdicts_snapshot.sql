-- paper_verdicts_snapshot: the rules' verdict on each mistake of the paper's models as
-- their mistakes table gives them (auto_categories_live, evaluated from the mistakes
-- table), stored by `build` beside paper_metrics_snapshot: auto_categories, and so the
-- leaderboard, then read stored verdicts only (working the rules out at every read
-- took 0.4 s). A model of the same name added with predictions hides its rows
-- (model_mistakes no longer reads its mistakes table); `query integrity` compares
-- them with the live view.
CREATE TABLE IF NOT EXISTS paper_verdicts_snapshot (
    model             VARCHAR NOT NULL,
    image_number      INTEGER NOT NULL,
    auto_category     VARCHAR NOT NULL,
    category_rule     VARCHAR,
    category_evidence VARCHAR NOT NULL,
    auto_severity     VARCHAR NOT NULL,
    severity_rule     VARCHAR,
    severity_evidence VARCHAR NOT NULL,
    PRIMARY KEY (model, image_number)
);

COMMENT ON TABLE paper_verdicts_snapshot IS 'auto_categories_live''s verdicts on the mistakes of the paper''s models without predictions (from the mistakes table), stored by build; auto_categories reads them';
COMMENT ON COLUMN paper_verdicts_snapshot.model IS 'As auto_categories.model';
COMMENT ON COLUMN paper_verdicts_snapshot.image_number IS 'As auto_categories.image_number';
COMMENT ON COLUMN paper_verdicts_snapshot.auto_category IS 'As auto_categories.auto_category';
COMMENT ON COLUMN paper_verdicts_snapshot.category_rule IS 'As auto_categories.category_rule';
COMMENT ON COLUMN paper_verdicts_snapshot.category_evidence IS 'As auto_categories.category_evidence';
COMMENT ON COLUMN paper_verdicts_snapshot.auto_severity IS 'As auto_categories.auto_severity';
COMMENT ON COLUMN paper_verdicts_snapshot.severity_rule IS 'As auto_categories.severity_rule';
COMMENT ON COLUMN paper_verdicts_snapshot.severity_evidence IS 'As auto_categories.severity_evidence';
