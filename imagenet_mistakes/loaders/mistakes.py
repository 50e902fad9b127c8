"""The paper's categorised mistakes of one model (`metadata/<model>_mistakes.json`).

Format: {image: {"top_prediction": class id, "failure category": str,
"failure severity": str}}. Upstream spells categories inconsistently; the
mapping to the four normalised categories and two severities lives in
`data/normalisation.csv`, so a new spelling is a data change, not a code change.
"""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources
from pathlib import Path

import pyarrow as pa

from imagenet_mistakes.errors import SourceFormatError, shown
from imagenet_mistakes.loaders.validate import class_id, expect_type, image_number, read_json

SCHEMA = pa.schema(
    [
        ("model", pa.string()),
        ("image_number", pa.int32()),
        ("predicted_class", pa.int32()),
        ("category", pa.string()),
        ("category_raw", pa.string()),
        ("severity", pa.string()),
        ("severity_raw", pa.string()),
    ]
)


@cache
def normalisation() -> dict[tuple[str, str], str]:
    """(field, raw spelling) -> normalised value, from the package's data file."""
    text = (resources.files("imagenet_mistakes") / "data" / "normalisation.csv").read_text()
    return {(r["field"], r["raw"]): r["normalised"] for r in csv.DictReader(text.splitlines())}


def _normalised(path: Path, field: str, raw: object, image: str) -> str:
    value = normalisation().get((field, raw)) if isinstance(raw, str) else None
    if value is None:
        raise SourceFormatError(
            path,
            f"{image}: unknown failure {field} {shown(raw)} (add it to data/normalisation.csv)",
        )
    return value


def load(path: Path, model: str) -> pa.Table:
    """Rows of `mistakes` for `model`, sorted by image name."""
    entries = expect_type(path, read_json(path), dict, "the top level")
    rows = []
    for name, entry in sorted(entries.items()):
        number = image_number(path, name)
        expect_type(path, entry, dict, name)
        try:
            prediction = entry["top_prediction"]
            category_raw = entry["failure category"]
            severity_raw = entry["failure severity"]
        except KeyError as e:
            raise SourceFormatError(path, f"{name}: no {e.args[0]!r} key") from e
        rows.append(
            {
                "model": model,
                "image_number": number,
                "predicted_class": class_id(path, prediction),
                "category": _normalised(path, "category", category_raw, name),
                "category_raw": category_raw,
                "severity": _normalised(path, "severity", severity_raw, name),
                "severity_raw": severity_raw,
            }
        )
    return pa.Table.from_pylist(rows, SCHEMA)
