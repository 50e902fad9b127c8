"""Top-1 files of Shavit 2022, "Analyzing the relations of misclassified inputs between
models" (`res/topk_ids_<model>.csv`): one row per validation image, no header,
`file_name,predicted_class_id[,label_class_id]`, written by the repository's
`inference.py` (timm's script of 2022) with class ids in sorted-wnid order, which is
this package's class id. Only the prediction is kept: the label is ImageNet's.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pa_csv

from imagenet_mistakes.errors import SourceFormatError
from imagenet_mistakes.loaders.validate import NUM_CLASSES


def load(path: Path) -> tuple[list[str], np.ndarray]:
    """Each row's file name and its predicted class id, as (images, 1) ids."""
    # Arrow's CSV reader: typed columns in one pass (the files are 50,000 rows each).
    try:
        table = pa_csv.read_csv(
            path,
            read_options=pa_csv.ReadOptions(autogenerate_column_names=True),
            convert_options=pa_csv.ConvertOptions(
                column_types={"f0": pa.string(), "f1": pa.int64(), "f2": pa.int64()}
            ),
        )
    except (pa.ArrowInvalid, UnicodeDecodeError) as e:
        raise SourceFormatError(path, f"not a CSV of file_name,class_id rows ({e})") from e
    if table.num_columns not in (2, 3):
        raise SourceFormatError(
            path, f"{table.num_columns} columns; expected file_name,class_id[,label]"
        )
    ids = table.column(1)
    if ids.null_count:
        raise SourceFormatError(path, "a row without a class id")
    values = ids.to_numpy()
    wrong = (values < 0) | (values >= NUM_CLASSES)
    if wrong.any():
        row = int(np.flatnonzero(wrong)[0])
        raise SourceFormatError(
            path, f"row {row + 1}: class id {values[row]} is not in 0..{NUM_CLASSES - 1}"
        )
    return table.column(0).to_pylist(), values.reshape(-1, 1)
