-- gives: spurious-correlation
-- why: ETH's analysis lists this very error among its most common co-occurrence
-- errors: the prediction often appears beside one of the image's labels.
select
    candidates.image_number,
    candidates.predicted_class,
    'ETH calls this exact error a common co-occurrence; '
    || published_image_errors.models_wrong || ' of its models make it' as evidence
from candidates
inner join published_image_errors
    on published_image_errors.image_number = candidates.image_number
    and published_image_errors.predicted_class = candidates.predicted_class
    and published_image_errors.source = 'eth'
    and published_image_errors.error_type = 'common_co_occurrence'
