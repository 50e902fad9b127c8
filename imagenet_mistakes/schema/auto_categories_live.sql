-- auto_categories_live: the paper's category and severity for every mistake of every
-- model, by the rules in rules/ (listed by category_rules), each verdict with the rule
-- that gave it and its evidence, worked out now. add-model stores a model's
-- (model_mistakes_snapshot), which auto_categories reads.
--
-- A mistake gets the category of the first category rule that fires on it, or
-- 'unexplained' (ETH's "model failure"); then the severity of the first severity rule
-- that fires, or 'minor'. The rules read the mistake's image and prediction and the
-- loaded evidence only, so every model making the same mistake gets the same verdict.
-- (evaluated_from is a key of every join so that a filter on it, as auto_categories
-- applies, reaches every read of model_mistakes_live.)
create or replace view auto_categories_live as
with

candidates as (
    select model, image_number, evaluated_from, original_class, predicted_class
    from model_mistakes_live
),

-- Each image's correct labels on the analysed label set, and its original label.
labels as (
    select image_number, class_id, bool_or(correct) as correct
    from (
        select image_labels.image_number, image_labels.class_id, true as correct
        from image_labels
        inner join label_sets using (label_set)
        where label_sets.analysed and image_labels.verdict = 'correct'
        union all
        select image_number, label as class_id, false as correct
        from images
    ) as each_label
    group by image_number, class_id
),
{% for decides in ["category", "severity"] %}
{% for rule in rules[decides] %}
{{ decides }}_{{ rule.name }} as (
{{ rule.sql | indent(4, first=True) }}
),
{% endfor %}
-- Every {{ decides }} rule that fires on each mistake; then the first (the evidence
-- breaks a tie within one rule, so the verdict does not depend on the plan).
{{ decides }}_fired as (
    select model, image_number, evaluated_from, position, rule, gives, evidence
    from (
{%- for rule in rules[decides] %}
        select
            model,
            image_number,
            evaluated_from,
            {{ rule.position }} as position,
            {{ rule.name | sql_string }} as rule,
            {{ rule.gives | sql_string }} as gives,
            evidence
        from {{ decides }}_{{ rule.name }}
{%- if not loop.last %}
        union all
{%- endif %}
{%- endfor %}
    ) as fired
),

{{ decides }}_first as (
    select model, image_number, evaluated_from, rule, gives, evidence
    from (
        select
            *,
            row_number() over (
                partition by model, image_number, evaluated_from order by position, evidence
            ) as turn
        from {{ decides }}_fired
    ) as ordered
    where turn = 1
),
{% if decides == "category" %}
categorised as (
    select
        candidates.*,
        coalesce(category_first.gives, {{ defaults.category | sql_string }}) as category,
        category_first.rule as category_rule,
        coalesce(category_first.evidence, 'no category rule fired') as category_evidence
    from candidates
    left join category_first using (model, image_number, evaluated_from)
),
{% endif %}
{% endfor %}
final as (
    select
        found.model,
        found.image_number,
        found.file_name,
        found.original_class,
        found.predicted_class,
        categorised.category as auto_category,
        categorised.category_rule,
        categorised.category_evidence,
        coalesce(severity_first.gives, {{ defaults.severity | sql_string }}) as auto_severity,
        severity_first.rule as severity_rule,
        coalesce(severity_first.evidence, 'no severity rule fired') as severity_evidence,
        found.manual_category,
        found.manual_severity,
        found.evaluated_from
    from model_mistakes_live as found
    inner join categorised using (model, image_number, evaluated_from)
    left join severity_first using (model, image_number, evaluated_from)
)

select * from final;

COMMENT ON VIEW auto_categories_live IS 'auto_categories worked out now from the predictions: slow over many models; auto_categories reads the stored verdicts';
COMMENT ON COLUMN auto_categories_live.model IS 'As auto_categories.model';
COMMENT ON COLUMN auto_categories_live.image_number IS 'As auto_categories.image_number';
COMMENT ON COLUMN auto_categories_live.file_name IS 'As auto_categories.file_name';
COMMENT ON COLUMN auto_categories_live.original_class IS 'As auto_categories.original_class';
COMMENT ON COLUMN auto_categories_live.predicted_class IS 'As auto_categories.predicted_class';
COMMENT ON COLUMN auto_categories_live.auto_category IS 'As auto_categories.auto_category';
COMMENT ON COLUMN auto_categories_live.category_rule IS 'As auto_categories.category_rule';
COMMENT ON COLUMN auto_categories_live.category_evidence IS 'As auto_categories.category_evidence';
COMMENT ON COLUMN auto_categories_live.auto_severity IS 'As auto_categories.auto_severity';
COMMENT ON COLUMN auto_categories_live.severity_rule IS 'As auto_categories.severity_rule';
COMMENT ON COLUMN auto_categories_live.severity_evidence IS 'As auto_categories.severity_evidence';
COMMENT ON COLUMN auto_categories_live.manual_category IS 'As auto_categories.manual_category';
COMMENT ON COLUMN auto_categories_live.manual_severity IS 'As auto_categories.manual_severity';
COMMENT ON COLUMN auto_categories_live.evaluated_from IS 'As auto_categories.evaluated_from';
