"""The orders a model's 1,000 outputs may be numbered in, each mapped to our class ids.

Ours is the sorted-wnid order (`classes`, TFDS, torchvision). A model trained
with the devkit's labels numbers its outputs in ILSVRC2012_ID order (meta.mat:
ID 1 is n02119789, kit fox); tensorflow-datasets ships that order as
`imagenet_resized_labels.txt`. An ImageFolder over folders named by class id
numbers them in string order ("0", "1", "10", "100", ...).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pyarrow as pa

from imagenet_mistakes.choices import ClassOrder
from imagenet_mistakes.errors import SourceFormatError
from imagenet_mistakes.loaders import validate
from imagenet_mistakes.loaders.validate import NUM_CLASSES, class_ids_of_wnids

SCHEMA = pa.schema(
    [("class_order", pa.string()), ("output_index", pa.int32()), ("class_id", pa.int32())]
)


def load(ilsvrc_order: Path, class_ids: Mapping[str, int]) -> pa.Table:
    """Rows of `class_orders`: every order's output index with the class id it means."""
    wnids = validate.text(ilsvrc_order).split()
    if sorted(wnids) != sorted(class_ids) or len(wnids) != NUM_CLASSES:
        raise SourceFormatError(ilsvrc_order, "does not list the 1,000 classes once each")
    indices = range(NUM_CLASSES)
    by_order = {
        ClassOrder.sorted_wnid: list(indices),
        ClassOrder.ilsvrc_id: class_ids_of_wnids(ilsvrc_order, wnids, class_ids),
        ClassOrder.imagefolder_string: [int(name) for name in sorted(str(i) for i in indices)],
    }
    return pa.table(
        {
            "class_order": [order.value for order in by_order for _ in indices],
            "output_index": [i for _ in by_order for i in indices],
            "class_id": [c for meaning in by_order.values() for c in meaning],
        },
        schema=SCHEMA,
    )
