-- The ImageNet-M images no model gets right.
-- Parameters: none.
-- Needs: ImageNet-M list
select imagenet_m_results.file_name, classes.name as original_label, imagenet_m_results.models
from imagenet_m_results
inner join classes on classes.class_id = imagenet_m_results.original_class
where imagenet_m_results.models_right = 0
order by file_name
