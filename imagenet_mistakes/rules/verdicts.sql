{#- The rules' verdict on each (image, predicted class) of the relation `candidates`
names (its image_number, original_class and predicted_class): schema.py renders it
into the views mistake_verdicts_live (every pair a model's mistake
has), queued_verdicts (the pairs add-model and build queue) and the macro
mistake_verdicts_among (the pairs of some models' mistakes). A pair gets the
category of the first category rule that fires on it, or the default; then the
severity of the first severity rule that fires (on its category, where the rule
names one), or the default. Each rule is joined once, as a subquery, to the
candidates; where it fires twice on a pair, the least evidence is kept. -#}
with

candidates as (
    select distinct image_number, original_class, predicted_class
    from {{ candidates }}
),

fired as (
    select
        candidates.image_number,
        candidates.predicted_class,
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
    from candidates
{%- for decides in ["category", "severity"] %}
{%- for rule in rules[decides] %}
    -- {{ decides }} rule {{ rule.position }}: {{ rule.name }}
    left join (
        select image_number, predicted_class, min(evidence) as evidence
        from (
{{ rule.sql | indent(12, first=True) }}
        ) as fired
        group by image_number, predicted_class
    ) as {{ decides }}_{{ rule.name }}
        on {{ decides }}_{{ rule.name }}.image_number = candidates.image_number
        and {{ decides }}_{{ rule.name }}.predicted_class = candidates.predicted_class
{%- endfor %}
{%- endfor %}
)

select
    image_number,
    predicted_class,
    category as auto_category,
    category_rule,
    category_evidence,
    case
{%- for rule in rules.severity %}
        when severity_{{ rule.name }} is not null
{%- if rule.if_category %} and category = {{ rule.if_category | sql_string }}{% endif %}
            then {{ rule.gives | sql_string }}
{%- endfor %}
        else {{ defaults.severity | sql_string }}
    end as auto_severity,
    case
{%- for rule in rules.severity %}
        when severity_{{ rule.name }} is not null
{%- if rule.if_category %} and category = {{ rule.if_category | sql_string }}{% endif %}
            then {{ rule.name | sql_string }}
{%- endfor %}
    end as severity_rule,
    case
{%- for rule in rules.severity %}
        when severity_{{ rule.name }} is not null
{%- if rule.if_category %} and category = {{ rule.if_category | sql_string }}{% endif %}
            then severity_{{ rule.name }}
{%- endfor %}
        else 'no severity rule fired'
    end as severity_evidence
from fired
