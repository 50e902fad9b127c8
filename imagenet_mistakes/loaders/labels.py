"""The shape every label loader returns: rows of `image_labels`, plus per-image flags."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pyarrow as pa

VERDICTS = ("correct", "unclear", "wrong")

# The label set is attached by the build, from data/label_sets.toml.
SCHEMA = pa.schema(
    [
        ("image_number", pa.int32()),
        ("class_id", pa.int32()),
        ("verdict", pa.string()),
    ]
)


def labels_table(rows: Iterable[tuple[int, int, str]]) -> pa.Table:
    """`image_labels` rows from (image_number, class_id, verdict), duplicates dropped, sorted.

    Sorting makes two builds from the same input byte-for-byte the same table.
    """
    unique = sorted(set(rows))
    numbers, class_ids, verdicts = zip(*unique, strict=True) if unique else ((), (), ())
    return pa.table(
        {
            "image_number": list(numbers),
            "class_id": list(class_ids),
            "verdict": list(verdicts),
        },
        schema=SCHEMA,
    )


@dataclass(frozen=True)
class MultiLabels:
    """What a multi-label source says about the validation images it annotated, by image number."""

    labels: pa.Table
    annotated: frozenset[int]
    problematic: frozenset[int]
    # None when the source carries no ImageNet-M list: unknown, not empty.
    imagenet_m: frozenset[int] | None
