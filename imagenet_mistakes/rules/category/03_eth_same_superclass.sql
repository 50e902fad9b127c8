-- gives: fine-grained
-- why: ETH's analysis lists this very error (image and prediction) among its most
-- common same-superclass errors: the prediction is a close relative of a correct label.
select
    candidates.image_number,
    candidates.predicted_class,
    'ETH calls this exact error same-superclass; ' || published_image_errors.models_wrong
    || ' of its models make it' as evidence
from candidates
inner join published_image_errors
    on published_image_errors.image_number = candidates.image_number
    and published_image_errors.predicted_class = candidates.predicted_class
    and published_image_errors.source = 'eth'
    and published_image_errors.error_type = 'same_superclass'
