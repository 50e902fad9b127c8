-- How many of the mistakes the paper categorised for ViT-3B and Greedy Soups a model makes.
-- Parameters: $model: predicted_model.
-- Of the mistakes the paper categorised for ViT-3B and Greedy Soups, how many a model
-- still gets wrong.
select paper_model, category, severity, paper_mistakes, still_wrong, share_still_wrong
from remaining_mistakes
where model = $model
order by paper_model, category = 'all' desc, category, severity = 'all' desc, severity
