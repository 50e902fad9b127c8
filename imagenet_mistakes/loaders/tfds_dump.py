"""A CSV dump of the TFDS `imagenet2012_multilabel` validation split.

Columns used: `id` (image name), `proposed_labels` (the correct labels),
`unclear_multi_labels`, `wrong_multi_labels` (class ids, comma-separated in
one field) and `is_problematic` (True/False). The dump has no ImageNet-M list.
"""

from __future__ import annotations

import csv
from pathlib import Path

from imagenet_mistakes.errors import SourceFormatError
from imagenet_mistakes.loaders.labels import MultiLabels, labels_table
from imagenet_mistakes.loaders.validate import class_id, image_number

_COLUMNS = {
    "proposed_labels": "correct",
    "unclear_multi_labels": "unclear",
    "wrong_multi_labels": "wrong",
}
_BOOLEANS = {"True": True, "False": False}


def _class_ids(path: Path, line: int, field: str) -> list[int]:
    try:
        values = [int(v) for v in field.split(",") if v.strip()]
    except ValueError as e:
        raise SourceFormatError(
            path, f"line {line}: {field!r:.60} is not a list of class ids"
        ) from e
    return [class_id(path, v) for v in values]


def load(path: Path) -> MultiLabels:
    """Labels and problematic images of the dump; its ImageNet-M list is unknown."""
    rows = []
    annotated: set[int] = set()
    problematic = set()
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        missing = {"id", "is_problematic", *_COLUMNS} - set(reader.fieldnames or ())
        if missing:
            raise SourceFormatError(path, f"missing columns {sorted(missing)}")
        for record in reader:
            line = reader.line_num
            name = record["id"]
            number = image_number(path, name)
            if number in annotated:
                raise SourceFormatError(path, f"line {line}: {name} appears twice")
            annotated.add(number)
            for column, verdict in _COLUMNS.items():
                rows += [(number, c, verdict) for c in _class_ids(path, line, record[column])]
            if record["is_problematic"] not in _BOOLEANS:
                raise SourceFormatError(path, f"line {line}: is_problematic must be True or False")
            if _BOOLEANS[record["is_problematic"]]:
                problematic.add(number)
    if not annotated:
        raise SourceFormatError(path, "no rows")
    return MultiLabels(labels_table(rows), frozenset(annotated), frozenset(problematic), None)
