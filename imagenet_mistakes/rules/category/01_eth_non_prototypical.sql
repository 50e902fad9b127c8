-- gives: non-prototypical
-- why: ETH's analysis lists the image as non-prototypical: its object is an unusual
-- instance of its class, whatever the model predicted. (ETH's list is the images the
-- paper itself judged non-prototypical for ViT-3B or Greedy Soups, so on those two
-- models this rule repeats the paper rather than checking it.)
select
    candidates.image_number,
    candidates.predicted_class,
    'ETH lists this image as non-prototypical ('
    || published_image_errors.models_wrong
    || ' of its models make its most common such error)' as evidence
from candidates
inner join published_image_errors
    on published_image_errors.image_number = candidates.image_number
    and published_image_errors.source = 'eth'
    and published_image_errors.error_type = 'non_prototypical'
