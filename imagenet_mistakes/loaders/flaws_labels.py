"""Label sets in the normalised CSV shape of "Flaws of ImageNet" (Kisel et al. 2025):
their consolidated clean validation labels (`clean_validation.csv`) and their copy of
Tsipras et al. 2020's fine-grained annotations (`finegrained.csv`).

Each row is an image: `id` (its file name), `original_label` and `proposed_labels` (one
class id or a quoted comma-separated list; empty where the study found no label that
fits, or the image ambiguous), with columns of their own beside. As ReaL's lists are
read, the proposed classes are 'correct', the original label is 'wrong' where they leave
it out, and an image with none proposed gets no label at all: it is not scored.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from pathlib import Path

import pyarrow as pa

from imagenet_mistakes.errors import SourceFormatError, shown
from imagenet_mistakes.loaders.labels import labels_table
from imagenet_mistakes.loaders.validate import NUM_CLASSES, image_number

_COLUMNS = ("id", "original_label", "proposed_labels")


def load(path: Path, labels: Mapping[int, int]) -> pa.Table:
    """`image_labels` rows; `labels` maps each image number to its original class id,
    which every row's `original_label` must repeat."""
    rows: list[tuple[int, int, str]] = []
    seen: set[int] = set()
    try:
        with path.open(newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f)
            missing = [c for c in _COLUMNS if c not in (reader.fieldnames or ())]
            if missing:
                raise SourceFormatError(
                    path, f"no column {missing[0]!r}; expected {', '.join(_COLUMNS)}"
                )
            for line, row in enumerate(reader, start=2):
                number = image_number(path, row["id"])
                if number in seen:
                    raise SourceFormatError(path, f"line {line}: {shown(row['id'])} appears twice")
                seen.add(number)
                original = _class_id(path, line, row["original_label"])
                if original != labels[number]:
                    raise SourceFormatError(
                        path,
                        f"line {line}: original label {original} of {row['id']} is not "
                        f"its ImageNet label {labels[number]}",
                    )
                proposed = {
                    _class_id(path, line, part)
                    for part in (row["proposed_labels"] or "").split(",")
                    if part.strip()
                }
                rows += [(number, c, "correct") for c in proposed]
                if proposed and original not in proposed:
                    rows.append((number, original, "wrong"))
    except (UnicodeDecodeError, csv.Error) as e:
        raise SourceFormatError(path, f"not a CSV file ({e})") from e
    return labels_table(rows)


def _class_id(path: Path, line: int, text: str | None) -> int:
    try:
        value = int((text or "").strip())
    except ValueError:
        value = -1
    if not 0 <= value < NUM_CLASSES:
        raise SourceFormatError(
            path, f"line {line}: {shown(text)} is not a class id 0..{NUM_CLASSES - 1}"
        )
    return value
