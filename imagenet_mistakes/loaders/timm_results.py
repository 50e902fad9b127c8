"""Result files of timm's `inference.py`, read as it writes them.

inference.py builds one DataFrame and saves it with `--results-format csv`,
`parquet`, `json` (orient=index), `json-records` (JSON lines) or `json-split`:
the file name first (a basename, or a path with `--fullname`; any name with
`--filename-col`), then the top-k class ids (`index`, written with
`--include-index`), class names (`label`, not needed here) and the top-k
outputs (`prob`, or `logit` with `--output-type logit`). Each is a list per
row, or with `--results-separate-col` one column per place (`index_0`,
`index_1`, ...); with `--topk 1` a plain value. With `--topk 0` the outputs
are all 1,000 classes and there are no ids.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pyarrow.parquet as pq

from imagenet_mistakes.errors import SourceFormatError
from imagenet_mistakes.loaders import validate
from imagenet_mistakes.loaders.validate import NUM_CLASSES, no_duplicate_keys, unique_columns

if TYPE_CHECKING:
    import pandas as pd

# The output kinds inference.py writes, by their default column names.
OUTPUTS = ("prob", "logit")
IDS = "index"


@dataclass(frozen=True)
class TimmResults:
    """One row per image: its file name (as written), class ids and outputs, best first."""

    file_names: list[str]
    ids: np.ndarray | None  # (images, k) class ids, absent without --include-index
    outputs: np.ndarray | None  # (images, k), or (images, 1000) with --topk 0
    output_kind: str | None  # "prob" or "logit"


def is_timm(path: Path) -> bool:
    """Whether `path` is laid out as inference.py writes (rather than file_name, class_id rows)."""
    if path.suffix == ".json":
        return True
    try:
        if path.suffix == ".parquet":
            names = pq.read_schema(path).names
        elif path.suffix == ".csv":
            with path.open(encoding="utf-8", errors="replace") as f:
                names = f.readline().strip().split(",")
        else:
            return False
    except (OSError, ValueError):
        return False  # the table loader says what is wrong with it
    return "class_id" not in names and any(_base(name) in (IDS, *OUTPUTS) for name in names)


def load(path: Path) -> TimmResults:
    """The file names, ids and outputs of a result file of inference.py."""
    frame = _read(path)
    if frame.shape[1] < 2 or len(frame) == 0:
        raise SourceFormatError(path, "no rows of results")
    ids = _matrix(path, frame, IDS)
    if ids is not None:
        wrong = (ids != np.round(ids)) | (ids < 0) | (ids >= NUM_CLASSES)
        if wrong.any():
            value = ids[np.unravel_index(np.argmax(wrong), ids.shape)]
            raise SourceFormatError(
                path, f"column {IDS} holds {value:g}, not a class id 0..{NUM_CLASSES - 1}"
            )
    outputs, kind = None, None
    for kind in OUTPUTS:
        outputs = _matrix(path, frame, kind)
        if outputs is not None:
            break
    return TimmResults(
        file_names=[str(name) for name in frame.iloc[:, 0]],
        ids=ids.astype(np.int64) if ids is not None else None,
        outputs=outputs,
        output_kind=kind if outputs is not None else None,
    )


def _base(column: str) -> str:
    """`index` of `index_3`: the name a --results-separate-col column is numbered from."""
    return re.sub(r"_[0-9]+$", "", column)


def _read(path: Path) -> pd.DataFrame:
    # pandas here, not at the top: every add-model imports this module, and pandas
    # (0.3 s) is for timm's result files alone.
    import pandas as pd

    try:
        if path.suffix == ".csv":
            # pandas renames a column named twice (index, index.1): refuse it first.
            with path.open(newline="", encoding="utf-8") as f:
                unique_columns(path, next(csv.reader(f), []))
            return pd.read_csv(path)
        if path.suffix == ".parquet":
            unique_columns(path, pq.read_schema(path).names)
            frame = pd.read_parquet(path)
            # inference.py's set_index(filename): the file names come back as the index.
            return frame if isinstance(frame.index, pd.RangeIndex) else frame.reset_index()
        return _read_json(path)
    except (ValueError, OSError, UnicodeDecodeError, csv.Error) as e:
        raise SourceFormatError(path, f"not a readable timm result file ({e})") from e
    except RecursionError as e:
        raise SourceFormatError(path, "nested too deeply to read") from e


def _read_json(path: Path) -> pd.DataFrame:
    """The three JSON layouts, parsed by the json module and checked before pandas frames them."""
    import pandas as pd

    text = validate.text(path)
    try:
        document = json.loads(text, object_pairs_hook=no_duplicate_keys)
    except json.JSONDecodeError as e:
        if e.msg != "Extra data":
            raise
        document = None  # several documents: json-records, one object per line
    if document is None or (isinstance(document, dict) and not _keyed(document)):
        rows = [
            json.loads(line, object_pairs_hook=no_duplicate_keys)
            for line in text.splitlines()
            if line.strip()
        ]
        if not all(isinstance(row, dict) for row in rows):
            raise ValueError("a line is not a JSON object")
        return pd.DataFrame(rows)
    if not isinstance(document, dict):
        raise ValueError("not a JSON object")
    if set(document) == {"columns", "data"}:  # json-split
        columns, data = document["columns"], document["data"]
        rows_fit = isinstance(columns, list) and isinstance(data, list)
        if not (rows_fit and all(isinstance(r, list) and len(r) == len(columns) for r in data)):
            raise ValueError("its data are not rows of its columns")
        unique_columns(path, columns)
        return pd.DataFrame(data, columns=columns)
    # json: {file name: {column: value}}
    frame = pd.DataFrame.from_dict(document, orient="index")
    return frame.rename_axis("file name").reset_index()


def _keyed(document: dict[str, object]) -> bool:
    """Whether a JSON object is json-split's or json's (an object of objects), not one record."""
    values = document.values()
    return set(document) == {"columns", "data"} or all(isinstance(v, dict) for v in values)


def _matrix(path: Path, frame: pd.DataFrame, name: str) -> np.ndarray | None:
    """Column `name` as an (images, k) array: a list column, numbered columns, or one value."""
    import pandas as pd

    numbered = [c for c in frame.columns[1:] if _base(str(c)) == name and str(c) != name]
    if name in frame.columns[1:]:
        values = frame[name]
    elif numbered:
        numbered.sort(key=lambda c: int(str(c).rsplit("_", 1)[1]))
        return _numbers(path, name, frame[numbered].to_numpy())
    else:
        return None
    if pd.api.types.is_bool_dtype(values):  # JSON's true and false are no class ids
        raise SourceFormatError(path, f"column {name} holds true/false, not numbers")
    if pd.api.types.is_numeric_dtype(values):  # --topk 1: one value per row
        return _numbers(path, name, values.to_numpy()[:, np.newaxis])
    rows = []
    for cell in values:
        try:
            rows.append(_row(cell))
        except (TypeError, ValueError, OverflowError) as e:
            raise SourceFormatError(
                path, f"column {name} holds {str(cell)!r}, not a list of numbers"
            ) from e
    if len({len(row) for row in rows}) != 1:
        raise SourceFormatError(path, f"column {name}: rows hold different numbers of values")
    return _numbers(path, name, np.array(rows))


def _row(cell: object) -> list[float]:
    # CSV cells are NumPy's printing of an array, "[817 479 511]", wrapped over
    # lines when long; Parquet and JSON cells are lists (or arrays) already.
    if isinstance(cell, str):
        return [float(v) for v in cell.strip().strip("[]").split()]
    values = list(cell)  # type: ignore[call-overload]
    if any(isinstance(v, bool | np.bool_) for v in values):
        raise TypeError("true/false is not a number")
    # float() of a 400-digit integer raises OverflowError; one of 300 gives a float.
    return [float(v) for v in values]


def _numbers(path: Path, name: str, values: np.ndarray) -> np.ndarray:
    try:
        numbers = values.astype(np.float64)
    except (TypeError, ValueError, OverflowError) as e:
        raise SourceFormatError(path, f"column {name} holds values that are not numbers") from e
    if not np.isfinite(numbers).all():
        raise SourceFormatError(path, f"column {name} holds NaN, infinite or empty values")
    return numbers
