"""ImageNetV2's `class_info.json`: the 1,000 classes with names and glosses."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from imagenet_mistakes.errors import SourceFormatError
from imagenet_mistakes.loaders.validate import NUM_CLASSES, expect_type, read_json

SCHEMA = pa.schema(
    [
        ("class_id", pa.int32()),
        ("wnid", pa.string()),
        ("name", pa.string()),
        ("synonyms", pa.string()),
        ("gloss", pa.string()),
    ]
)


def load(path: Path) -> pa.Table:
    """Rows of `classes`, in class-id order.

    Class ids must be the sorted-wnid order (TFDS, torchvision); a file in any
    other order would silently relabel every prediction, so it is rejected.
    """
    entries = expect_type(path, read_json(path), list, "the top level")
    if len(entries) != NUM_CLASSES:
        raise SourceFormatError(path, f"expected {NUM_CLASSES} classes, found {len(entries)}")
    rows = []
    for entry in entries:
        entry = expect_type(path, entry, dict, "each class")
        try:
            cid, wnid, synset, gloss = entry["cid"], entry["wnid"], entry["synset"], entry["gloss"]
        except KeyError as e:
            raise SourceFormatError(path, f"a class has no {e.args[0]!r} key") from e
        expect_type(path, cid, int, "cid")
        expect_type(path, wnid, str, "wnid")
        expect_type(path, gloss, str, "gloss")
        if not expect_type(path, synset, list, "synset") or not all(
            isinstance(s, str) for s in synset
        ):
            raise SourceFormatError(path, f"class {wnid}: synset must be a non-empty list of names")
        rows.append((cid, wnid, synset[0], ", ".join(synset), gloss))
    rows.sort()
    if [r[0] for r in rows] != list(range(NUM_CLASSES)):
        raise SourceFormatError(path, f"cid values must be 0..{NUM_CLASSES - 1}, each once")
    wnids = [r[1] for r in rows]
    if wnids != sorted(wnids) or len(set(wnids)) != NUM_CLASSES:
        raise SourceFormatError(path, "cid order is not the sorted order of distinct wnids")
    return pa.Table.from_pylist([dict(zip(SCHEMA.names, r, strict=True)) for r in rows], SCHEMA)
