"""The two tables every published source fills: `published_models` and `published_results`.

Results are long: one row per source, model, benchmark and metric, values as
fractions (or counts), so any source's numbers line up with the leaderboard's
metric ids without a column per source.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from imagenet_mistakes.errors import SourceFormatError

MODELS_SCHEMA = pa.schema(
    [
        ("source", pa.string()),
        ("model", pa.string()),
        ("architecture", pa.string()),
        ("parameters", pa.int64()),
        ("training_data", pa.string()),
        ("image_size", pa.int32()),
        ("family", pa.string()),
    ]
)
# published_models.family: how a model classifies ImageNet, where its source says.
ZERO_SHOT = "zero-shot"
TRAINED = "trained"
RESULTS_SCHEMA = pa.schema(
    [
        ("source", pa.string()),
        ("model", pa.string()),
        ("image_size", pa.int32()),
        ("benchmark", pa.string()),
        ("metric", pa.string()),
        ("value", pa.float64()),
        ("images", pa.int32()),
    ]
)


def named_models(
    source: str, names: pa.ChunkedArray | pa.Array, family: pa.Array | None = None
) -> pa.Table:
    """Rows of `published_models` for a source that names its models (and, at most, says
    which are zero-shot) and says nothing else."""
    count = len(names)
    return pa.table(
        {
            "source": [source] * count,
            "model": names,
            "architecture": pa.nulls(count, pa.string()),
            "parameters": pa.nulls(count, pa.int64()),
            "training_data": pa.nulls(count, pa.string()),
            "image_size": pa.nulls(count, pa.int32()),
            "family": family if family is not None else pa.nulls(count, pa.string()),
        },
        schema=MODELS_SCHEMA,
    )


def parameters(path: Path, millions: pa.ChunkedArray, column: str) -> pa.ChunkedArray:
    """Parameter counts from a column of millions (numbers, or text of them), rounded."""
    try:
        values = pc.cast(millions, pa.float64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as e:
        raise SourceFormatError(path, f"{column} is not a number ({e})") from e
    return pc.cast(pc.round(pc.multiply(values, 1e6)), pa.int64())


def read_csv(
    path: Path, required: Iterable[str], column_types: dict[str, pa.DataType] | None = None
) -> pa.Table:
    """A published CSV file, with the columns its loader needs, or one line saying what is wrong."""
    try:
        table = pa_csv.read_csv(
            path, convert_options=pa_csv.ConvertOptions(column_types=column_types or {})
        )
    except (pa.ArrowInvalid, OSError) as e:
        raise SourceFormatError(path, f"unreadable CSV ({e})") from e
    missing = sorted(set(required) - set(table.column_names))
    if missing:
        raise SourceFormatError(path, f"missing columns {missing}")
    return table


def results_table(
    path: Path,
    source: str,
    benchmark: str,
    models: pa.ChunkedArray,
    metrics: dict[str, pa.ChunkedArray],
    *,
    percent: bool = False,
    images: int | None = None,
    image_sizes: pa.ChunkedArray | None = None,
) -> pa.Table:
    """Long rows of `published_results` from one column per metric; empty cells are left out."""
    parts = []
    for metric, column in metrics.items():
        try:
            values = pc.cast(column, pa.float64())
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as e:
            raise SourceFormatError(path, f"{metric}: values are not numbers ({e})") from e
        if percent:
            # Rounded to 12 places, as NumPy rounds (Arrow's round adds an error
            # of its own): 90.056 / 100 is 0.9005600000000001 in binary.
            fractions = np.round(values.to_numpy(zero_copy_only=False) / 100.0, 12)
            values = pa.chunked_array([pa.array(fractions, mask=pc.is_null(values).to_numpy())])
        given = pc.is_valid(values)
        count = pc.sum(given).as_py() or 0
        parts.append(
            pa.table(
                {
                    "source": [source] * count,
                    "model": pc.filter(models, given),
                    "image_size": (
                        pc.filter(pc.cast(image_sizes, pa.int32()), given)
                        if image_sizes is not None
                        else pa.nulls(count, pa.int32())
                    ),
                    "benchmark": [benchmark] * count,
                    "metric": [metric] * count,
                    "value": pc.filter(values, given),
                    "images": pa.array([images] * count, pa.int32()),
                },
                schema=RESULTS_SCHEMA,
            )
        )
    return pa.concat_tables(parts) if parts else RESULTS_SCHEMA.empty_table()
