"""The canonical multi-label format, `human_accuracy_v3.0.0.json`.

Keys used: `initial_annots` ({image: {"correct"|"wrong"|"unclear": [wnid]}},
a key absent when its list is empty), `problematic_images` ({image: {...}}) and
`imagenet_m` (list of image names; absent from reconstructed copies). Images
whose names do not start with `ILSVRC2012_val_` are ImageNetV2 images and are
skipped, as the TFDS builder does.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from imagenet_mistakes.errors import SourceFormatError, shown
from imagenet_mistakes.loaders.labels import VERDICTS, MultiLabels, labels_table
from imagenet_mistakes.loaders.validate import (
    class_ids_of_wnids,
    expect_type,
    image_number,
    read_json,
)

_VALIDATION_PREFIX = "ILSVRC2012_val_"


def load(path: Path, class_ids: Mapping[str, int]) -> MultiLabels:
    """Labels, problematic images and (when present) the ImageNet-M list of one file."""
    data = expect_type(path, read_json(path), dict, "the top level")
    for key in ("initial_annots", "problematic_images"):
        if key not in data:
            raise SourceFormatError(path, f"no {key!r} key")
    annots = expect_type(path, data["initial_annots"], dict, "initial_annots")
    rows = []
    numbers = {}
    for name, annot in annots.items():
        if not name.startswith(_VALIDATION_PREFIX):
            continue
        number = numbers[name] = image_number(path, name)
        expect_type(path, annot, dict, f"initial_annots[{name!r}]")
        unknown = set(annot) - set(VERDICTS)
        if unknown:
            raise SourceFormatError(path, f"{name}: unknown verdict keys {sorted(unknown)}")
        for verdict, wnids in annot.items():
            expect_type(path, wnids, list, f"{name} {verdict}")
            rows += [(number, c, verdict) for c in class_ids_of_wnids(path, wnids, class_ids)]
    annotated = frozenset(numbers.values())

    problematic_images = expect_type(path, data["problematic_images"], dict, "problematic_images")
    # Like the TFDS builder, only annotated images can be flagged problematic.
    problematic = frozenset(numbers[n] for n in problematic_images if n in numbers)

    imagenet_m = None
    if "imagenet_m" in data:
        names = expect_type(path, data["imagenet_m"], list, "imagenet_m")
        outside = [n for n in names if n not in numbers]
        if outside:
            raise SourceFormatError(path, f"imagenet_m image {shown(outside[0])} is not annotated")
        imagenet_m = frozenset(numbers[n] for n in names)
    return MultiLabels(labels_table(rows), annotated, problematic, imagenet_m)
