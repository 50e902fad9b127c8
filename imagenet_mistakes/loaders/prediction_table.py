"""Prediction tables (.parquet or .csv): columns file_name, class_id[, rank][, score].

One row per image and rank. Without `rank`, rows are ranked by `score`
(highest first) when there is one, else each image must have exactly one row.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from imagenet_mistakes.errors import SourceFormatError
from imagenet_mistakes.loaders.validate import (
    FILE_NAME,
    NUM_CLASSES,
    NUM_VALIDATION_IMAGES,
    image_number,
    unique_columns,
)

_TYPES = {
    "file_name": pa.string(),
    "class_id": pa.int32(),
    "rank": pa.int32(),
    "score": pa.float64(),
}


def load(path: Path) -> pa.Table:
    """Columns image_number, rank, class_id, score (NULL when absent), sorted by image and rank."""
    table = _read(path)
    missing = {"file_name", "class_id"} - set(table.column_names)
    if missing:
        raise SourceFormatError(path, f"missing columns {sorted(missing)}")
    columns = {}
    for name, kind in _TYPES.items():
        if name not in table.column_names:
            continue
        try:
            columns[name] = pc.cast(table[name], kind)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as e:
            raise SourceFormatError(path, f"column {name} is not {kind} ({e})") from e
        if columns[name].null_count:
            raise SourceFormatError(path, f"column {name} has empty values")
    if table.num_rows == 0:
        raise SourceFormatError(path, "no rows")

    numbers = image_numbers(path, columns["file_name"])
    class_ids = columns["class_id"].to_numpy()
    outside = (class_ids < 0) | (class_ids >= NUM_CLASSES)
    if outside.any():
        value = class_ids[np.argmax(outside)]
        raise SourceFormatError(path, f"class_id {value} is not a class id 0..{NUM_CLASSES - 1}")
    score = columns["score"].to_numpy() if "score" in columns else None
    if score is not None:
        outside = ~((score >= 0) & (score <= 1))  # NaN and infinities too
        if outside.any():
            i = int(np.argmax(outside))
            raise SourceFormatError(
                path,
                f"score {score[i]} of ILSVRC2012_val_{numbers[i]:08d}.JPEG is not a "
                "probability in [0, 1]",
            )
    if "rank" in columns:
        ranks = columns["rank"].to_numpy()
    else:
        ranks = _ranks(path, numbers, class_ids, score)
    return _checked(path, numbers, ranks, class_ids, score)


def image_numbers(path: Path | str, names: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """The number of each validation image name, ILSVRC2012_val_00000001.JPEG -> 1, all at
    once with Arrow (a Python loop takes a tenth of a second for 50,000); no name empty."""
    bad = pc.invert(pc.match_substring_regex(names, f"^{FILE_NAME.pattern}$"))
    numbers = np.zeros(len(names), np.int64)
    if not pc.any(bad).as_py():
        numbers = pc.cast(pc.utf8_slice_codeunits(names, 15, 23), pa.int64()).to_numpy()
        bad = pa.array((numbers < 1) | (numbers > NUM_VALIDATION_IMAGES))
    if pc.any(bad).as_py():
        image_number(path, names[pc.index(bad, True).as_py()].as_py())  # raises, saying why
    return numbers


def _read(path: Path) -> pa.Table:
    try:
        if path.suffix == ".parquet":
            # Before reading: Arrow's complaint about a column named twice is its schema.
            unique_columns(path, pq.read_schema(path).names)
            table = pq.read_table(path)
        elif path.suffix == ".csv":
            table = pa_csv.read_csv(path)
        else:
            raise SourceFormatError(path, "predictions must be a .parquet or .csv file")
    except (pa.ArrowInvalid, OSError) as e:
        raise SourceFormatError(path, f"unreadable ({e})") from e
    unique_columns(path, table.column_names)
    return table


def _ranks(
    path: Path, numbers: np.ndarray, class_ids: np.ndarray, score: np.ndarray | None
) -> np.ndarray:
    """Rank within each image: by descending score, ties by class id."""
    if score is None:
        if len(np.unique(numbers)) != len(numbers):
            raise SourceFormatError(
                path, "several rows for one image need a rank or a score column"
            )
        return np.ones(len(numbers), np.int32)
    order = np.lexsort((class_ids, -score, numbers))
    ranks = np.empty(len(numbers), np.int32)
    ranks[order] = _position_in_run(numbers[order])
    return ranks


def _position_in_run(keys: np.ndarray) -> np.ndarray:
    """1, 2, ... within each run of equal values of a sorted array."""
    index = np.arange(len(keys))
    starts = np.r_[True, keys[1:] != keys[:-1]]
    return index - np.maximum.accumulate(np.where(starts, index, 0)) + 1


def _checked(
    path: Path,
    numbers: np.ndarray,
    ranks: np.ndarray,
    class_ids: np.ndarray,
    score: np.ndarray | None,
) -> pa.Table:
    """Sort by image and rank; each image has ranks 1..n once, and no class twice."""
    order = np.lexsort((ranks, numbers))
    numbers, ranks, class_ids = numbers[order], ranks[order], class_ids[order]
    wrong = ranks != _position_in_run(numbers)
    if wrong.any():
        i = int(np.argmax(wrong))
        raise SourceFormatError(
            path, f"image {numbers[i]}: ranks must be 1, 2, ... once each, got {ranks[i]}"
        )
    pairs = np.unique(numbers * NUM_CLASSES + class_ids)
    if len(pairs) != len(numbers):
        raise SourceFormatError(path, "an image lists the same class_id twice")
    return pa.table(
        {
            "image_number": numbers,
            "rank": ranks.astype(np.int32),
            "class_id": class_ids.astype(np.int32),
            "score": score[order] if score is not None else pa.nulls(len(numbers), pa.float64()),
        }
    )
