"""The paper's class confusions (`class_confusion_wnids.json`): [[wnid_a, wnid_b, frequency]]."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pyarrow as pa

from imagenet_mistakes.errors import SourceFormatError, shown
from imagenet_mistakes.loaders.validate import class_ids_of_wnids, expect_type, read_json

SCHEMA = pa.schema(
    [
        ("source", pa.string()),
        ("class_a", pa.int32()),
        ("class_b", pa.int32()),
        ("frequency", pa.int32()),
    ]
)


def load(path: Path, source: str, class_ids: Mapping[str, int]) -> pa.Table:
    """Rows of `confusions`, one per ordered class pair, sorted."""
    triples = expect_type(path, read_json(path), list, "the top level")
    counts: dict[tuple[int, int], int] = {}
    for triple in triples:
        if not isinstance(triple, list) or len(triple) != 3:
            raise SourceFormatError(path, f"{shown(triple)} is not [wnid_a, wnid_b, frequency]")
        a, b = class_ids_of_wnids(path, triple[:2], class_ids)
        frequency = expect_type(path, triple[2], int, "a frequency")
        if frequency < 1:
            raise SourceFormatError(path, f"frequency {frequency} of {triple[:2]} is not positive")
        if (a, b) in counts:
            raise SourceFormatError(path, f"pair {triple[:2]} appears twice")
        counts[a, b] = frequency
    rows = [
        {"source": source, "class_a": a, "class_b": b, "frequency": f}
        for (a, b), f in sorted(counts.items())
    ]
    return pa.Table.from_pylist(rows, SCHEMA)
