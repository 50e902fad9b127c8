"""ReaL labels (`real.json`): a list of class-id lists, index i for image number i + 1.

An empty list means the raters found no valid label: the image is excluded
from ReaL accuracy.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from imagenet_mistakes.errors import SourceFormatError
from imagenet_mistakes.loaders.labels import labels_table
from imagenet_mistakes.loaders.validate import (
    NUM_VALIDATION_IMAGES,
    class_id,
    expect_type,
    file_name_of,
    read_json,
)


@dataclass(frozen=True)
class RealLabels:
    labels: pa.Table
    excluded: frozenset[int]


def load(path: Path) -> RealLabels:
    """Every ReaL label as a 'correct' verdict, and the images ReaL excludes."""
    lists = expect_type(path, read_json(path), list, "the top level")
    if len(lists) != NUM_VALIDATION_IMAGES:
        raise SourceFormatError(
            path, f"expected {NUM_VALIDATION_IMAGES} label lists, found {len(lists)}"
        )
    rows = []
    excluded = set()
    for number, ids in enumerate(lists, start=1):
        name = file_name_of(number)
        expect_type(path, ids, list, f"the labels of {name}")
        if not ids:
            excluded.add(number)
        rows += [(number, class_id(path, c), "correct") for c in ids]
    return RealLabels(labels_table(rows), frozenset(excluded))
