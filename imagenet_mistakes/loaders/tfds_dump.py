"""A CSV dump of the TFDS `imagenet2012_multilabel` validation split.

Columns used: `id` (image name), `proposed_labels` (the correct labels),
`unclear_multi_labels`, `wrong_multi_labels` (class ids, comma-separated in
one field) and `is_problematic` (True/False). The dump has no ImageNet-M list.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from imagenet_mistakes.errors import SourceFormatError, shown
from imagenet_mistakes.loaders.labels import MultiLabels, labels_table
from imagenet_mistakes.loaders.validate import class_id, image_number

_COLUMNS = {
    "proposed_labels": "correct",
    "unclear_multi_labels": "unclear",
    "wrong_multi_labels": "wrong",
}
_BOOLEANS = {"True": True, "False": False}


def _class_ids(path: Path, line: int, field: str | None) -> list[int]:
    if field is None:  # csv.DictReader's value for a field a short row lacks
        raise SourceFormatError(path, f"line {line}: fewer fields than the header has")
    values = [v.strip() for v in field.split(",") if v.strip()]
    # ASCII digits only: int() would also take "٣" or "3_0".
    if not all(re.fullmatch(r"[0-9]{1,4}", v) for v in values):
        raise SourceFormatError(path, f"line {line}: {shown(field)} is not a list of class ids")
    return [class_id(path, int(v)) for v in values]


def load(path: Path) -> MultiLabels:
    """Labels and problematic images of the dump; its ImageNet-M list is unknown."""
    try:
        return _load(path)
    except UnicodeDecodeError as e:
        raise SourceFormatError(path, "not UTF-8 text") from e
    except csv.Error as e:  # a NUL byte, a field past the csv module's limit
        raise SourceFormatError(path, f"not CSV ({e})") from e


def _load(path: Path) -> MultiLabels:
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
