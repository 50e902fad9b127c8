-- auto_verdict_scores: how well the rules reproduce the paper's verdicts, per model the
-- paper categorised: the macro-F1 over its four categories (auto_category_scores)
-- and the severity accuracy, beside what always answering "minor" scores.
create or replace view auto_verdict_scores as
with

severities as (
    select
        model,
        count(*) as mistakes,
        avg((auto_severity = manual_severity)::int::double) as severity_accuracy,
        avg((manual_severity = 'minor')::int::double) as always_minor_accuracy
    from auto_categories
    where manual_category is not null
    group by model
),

macro as (
    select model, avg(coalesce(f1, 0)::double) as macro_f1
    from auto_category_scores
    group by model
),

final as (
    select severities.model, severities.mistakes, macro.macro_f1, severities.severity_accuracy,
        severities.always_minor_accuracy
    from severities
    inner join macro using (model)
)

select * from final;

COMMENT ON VIEW auto_verdict_scores IS 'The rules against the paper''s verdicts, per categorised model: macro-F1 over the four categories and severity accuracy';
COMMENT ON COLUMN auto_verdict_scores.model IS 'Categorised model';
COMMENT ON COLUMN auto_verdict_scores.mistakes IS 'Mistakes the paper categorised';
COMMENT ON COLUMN auto_verdict_scores.macro_f1 IS 'Mean F1 of the four categories (auto_category_scores; a category the rules never give counts 0)';
COMMENT ON COLUMN auto_verdict_scores.severity_accuracy IS 'Share of mistakes whose rule-based severity is the paper''s';
COMMENT ON COLUMN auto_verdict_scores.always_minor_accuracy IS 'The share the paper judged minor: what answering minor every time scores';
