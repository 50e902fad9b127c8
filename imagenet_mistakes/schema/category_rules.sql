-- category_rules: the rules that give every mistake its category and severity
-- (auto_categories), one row each in the order they are applied: the files in
-- rules/category/ and rules/severity/, with what each gives, why, and its SQL.
create or replace view category_rules as
select * from (
    values
{%- for rule in rules.category + rules.severity %}
        (
            {{ rule.decides | sql_string }},
            {{ rule.position }},
            {{ rule.name | sql_string }},
            {{ rule.gives | sql_string }},
            {{ rule.why | sql_string }},
            {{ rule.sql | sql_string }}
        ){{ "," if not loop.last }}
{%- endfor %}
) as rules (decides, position, rule, gives, why, rule_sql);

COMMENT ON VIEW category_rules IS 'The rules of auto_categories, in the order they are applied: the first category rule that fires gives the category (else unexplained), the first severity rule the severity (else minor)';
COMMENT ON COLUMN category_rules.decides IS 'category or severity';
COMMENT ON COLUMN category_rules.position IS 'Its place in the order (the number of its file in rules/)';
COMMENT ON COLUMN category_rules.rule IS 'Its name, as auto_categories.category_rule and severity_rule give it';
COMMENT ON COLUMN category_rules.gives IS 'The category or severity it gives';
COMMENT ON COLUMN category_rules.why IS 'The rule in words';
COMMENT ON COLUMN category_rules.rule_sql IS 'Its SQL, over the mistakes (candidates, or categorised for severity) and each image''s labels';
