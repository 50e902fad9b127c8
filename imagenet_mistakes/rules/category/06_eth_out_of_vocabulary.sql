-- gives: fine-grained-oov
-- why: ETH's analysis lists this very error among its most common out-of-vocabulary
-- errors: CLIP found the object closer to a WordNet class outside ImageNet's 1,000.
select
    candidates.image_number,
    candidates.predicted_class,
    'ETH calls this exact error out-of-vocabulary (CLIP); '
    || published_image_errors.models_wrong || ' of its models make it' as evidence
from candidates
inner join published_image_errors
    on published_image_errors.image_number = candidates.image_number
    and published_image_errors.predicted_class = candidates.predicted_class
    and published_image_errors.source = 'eth'
    and published_image_errors.error_type = 'out_of_vocabulary'
