-- ImageNet top-1 against each variant's, of every published model and of this file's models.
-- Parameters: none.
-- ImageNet top-1 against top-1 on each of its variants: every published model whose
-- source gives both (timm, the imagenet-testbed, OpenCLIP) and this file's models
-- through a published copy of the same weights (numbers_from).
select source, model, family, variant, imagenet_top1, variant_top1, numbers_from
from robustness
order by variant, source, model, image_size
