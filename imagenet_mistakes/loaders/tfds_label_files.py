"""The label files shipped inside tensorflow-datasets: `labels.txt` and `validation_labels.txt`.

`labels.txt` lists the class wnids in class-id order; `validation_labels.txt`
lists one wnid per validation image, in image-number order.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from pathlib import Path

import pyarrow as pa

from imagenet_mistakes.errors import SourceFormatError
from imagenet_mistakes.loaders.labels import labels_table
from imagenet_mistakes.loaders.validate import (
    NUM_VALIDATION_IMAGES,
    class_ids_of_wnids,
    file_name_of,
)

IMAGES_SCHEMA = pa.schema(
    [("image_number", pa.int32()), ("file_name", pa.string()), ("label", pa.int32())]
)


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split()


def check_class_order(path: Path, wnids_in_id_order: list[str]) -> None:
    """Fail unless `labels.txt` lists exactly these wnids in this order."""
    if _lines(path) != wnids_in_id_order:
        raise SourceFormatError(path, "class order differs from the classes source")


def load_images(path: Path, class_ids: Mapping[str, int]) -> pa.Table:
    """Rows of `images`: every validation image with its original label."""
    wnids = _lines(path)
    if len(wnids) != NUM_VALIDATION_IMAGES:
        raise SourceFormatError(
            path, f"expected {NUM_VALIDATION_IMAGES} labels, found {len(wnids)}"
        )
    numbers = range(1, NUM_VALIDATION_IMAGES + 1)
    return pa.table(
        {
            "image_number": list(numbers),
            "file_name": [file_name_of(n) for n in numbers],
            "label": class_ids_of_wnids(path, wnids, class_ids),
        },
        schema=IMAGES_SCHEMA,
    )


def original_labels(images: pa.Table) -> pa.Table:
    """The original labels as the 'original' label set: one 'correct' class per image."""
    return labels_table(
        zip(
            images["image_number"].to_pylist(),
            images["label"].to_pylist(),
            itertools.repeat("correct"),
            strict=False,  # repeat() is endless
        ),
    )
