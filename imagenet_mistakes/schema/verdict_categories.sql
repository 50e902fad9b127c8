-- verdict_categories: the categories a mistake can get (auto_categories): the paper's
-- four, in its order, then the one a mistake gets when no rule explains it. Rendered
-- from rules.py, which every list of them comes from.
create or replace view verdict_categories as
select * from (
    values
{%- for category in gives.category %}
        ({{ loop.index }}, {{ category | sql_string }}, true),
{%- endfor %}
        ({{ gives.category | length + 1 }}, {{ defaults.category | sql_string }}, false)
) as t (position, category, paper);

COMMENT ON VIEW verdict_categories IS 'The categories the rules give a mistake: the paper''s four, then unexplained';
COMMENT ON COLUMN verdict_categories.position IS 'Its place in the paper''s order (unexplained last)';
COMMENT ON COLUMN verdict_categories.category IS 'fine-grained, fine-grained-oov, spurious-correlation, non-prototypical or unexplained';
COMMENT ON COLUMN verdict_categories.paper IS 'One of the paper''s four (false: no rule explained the mistake)';
