-- auto_categories_live: the paper's category and severity for every mistake of every
-- model (model_mistakes), by the rules in rules/ (listed by category_rules), each
-- verdict with the rule that gave it and its evidence, worked out now. add-model stores
-- a model's (mistake_verdicts_snapshot), which auto_categories reads.
--
-- A mistake gets the category of the first category rule that fires on it, or
-- 'unexplained' (ETH's "model failure"); then the severity of the first severity rule
-- that fires (on its category, where the rule names one), or 'minor'. The rules read
-- the mistake's image and prediction (mistake_candidates) and the loaded evidence
-- only, so every model making the same mistake gets the same verdict.
-- Each rule is joined once, as a subquery, to the mistakes: no CTE is read twice (DuckDB
-- would work it out once for every model), so a filter on the model, as add-model's
-- store applies, reaches every rule. add-model plans it as written (data/stored.toml).
create or replace view auto_categories_live as
with

categorised as (
    select
        candidates.model,
        candidates.image_number,
        candidates.evaluated_from,
        case
{%- for rule in rules.category %}
            when category_{{ rule.name }}.evidence is not null then {{ rule.gives | sql_string }}
{%- endfor %}
            else {{ defaults.category | sql_string }}
        end as category,
        case
{%- for rule in rules.category %}
            when category_{{ rule.name }}.evidence is not null then {{ rule.name | sql_string }}
{%- endfor %}
        end as category_rule,
        coalesce(
{%- for rule in rules.category %}
            category_{{ rule.name }}.evidence,
{%- endfor %}
            'no category rule fired'
        ) as category_evidence,
{%- for rule in rules.severity %}
        severity_{{ rule.name }}.evidence as severity_{{ rule.name }}{{ "," if not loop.last }}
{%- endfor %}
    from mistake_candidates as candidates
{%- for decides in ["category", "severity"] %}
{%- for rule in rules[decides] %}
    -- {{ decides }} rule {{ rule.position }}: {{ rule.name }} (the least evidence where it fires twice)
    left join (
        select model, image_number, evaluated_from, min(evidence) as evidence
        from (
{{ rule.sql | indent(12, first=True) }}
        ) as fired
        group by model, image_number, evaluated_from
    ) as {{ decides }}_{{ rule.name }}
        on {{ decides }}_{{ rule.name }}.model = candidates.model
        and {{ decides }}_{{ rule.name }}.image_number = candidates.image_number
        and {{ decides }}_{{ rule.name }}.evaluated_from = candidates.evaluated_from
{%- endfor %}
{%- endfor %}
),

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
        case
{%- for rule in rules.severity %}
            when categorised.severity_{{ rule.name }} is not null
{%- if rule.if_category %} and categorised.category = {{ rule.if_category | sql_string }}{% endif %}
                then {{ rule.gives | sql_string }}
{%- endfor %}
            else {{ defaults.severity | sql_string }}
        end as auto_severity,
        case
{%- for rule in rules.severity %}
            when categorised.severity_{{ rule.name }} is not null
{%- if rule.if_category %} and categorised.category = {{ rule.if_category | sql_string }}{% endif %}
                then {{ rule.name | sql_string }}
{%- endfor %}
        end as severity_rule,
        case
{%- for rule in rules.severity %}
            when categorised.severity_{{ rule.name }} is not null
{%- if rule.if_category %} and categorised.category = {{ rule.if_category | sql_string }}{% endif %}
                then categorised.severity_{{ rule.name }}
{%- endfor %}
            else 'no severity rule fired'
        end as severity_evidence,
        found.manual_category,
        found.manual_severity,
        found.evaluated_from
    from model_mistakes as found
    inner join categorised using (model, image_number, evaluated_from)
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
