-- A model's mistakes of one category, each with the rule that gave it and its evidence.
-- Parameters: $model: model, $category: category.
-- Shows: file_name, original_label, prediction, category_evidence, auto_severity, manual_category
-- A model's mistakes on the multi-label set that the rules put in one category
-- (auto_categories), each with the rule that fired and what it found, its severity
-- with the same, and the paper's own verdict where it made one: the "why" behind
-- model_category_shares, to read or to check.
select
    auto_categories.image_number,
    auto_categories.file_name,
    original.name as original_label,
    predicted.name as prediction,
    auto_categories.category_rule,
    auto_categories.category_evidence,
    auto_categories.auto_severity,
    auto_categories.severity_rule,
    auto_categories.severity_evidence,
    auto_categories.manual_category,
    auto_categories.manual_severity
from auto_categories
inner join classes as original on original.class_id = auto_categories.original_class
inner join classes as predicted on predicted.class_id = auto_categories.predicted_class
where auto_categories.model = $model and auto_categories.auto_category = $category
order by auto_categories.category_rule, auto_categories.image_number
