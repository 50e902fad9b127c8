"""A model's predictions as one Arrow table, from whichever form the user has them in.

Every form ends as rows (image_number, rank, class_id, score) sorted by image
and rank: what `models.add` writes. Logits are reduced to their top k here,
vectorised over the whole array.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from imagenet_mistakes import arguments, choices
from imagenet_mistakes.boundary import guarded
from imagenet_mistakes.choices import DEFAULT_K
from imagenet_mistakes.errors import BadArgument, SourceFormatError
from imagenet_mistakes.loaders import arrays, prediction_table, timm_results
from imagenet_mistakes.loaders import order as order_loader
from imagenet_mistakes.loaders.order import RowOrder
from imagenet_mistakes.loaders.validate import NUM_CLASSES, NUM_VALIDATION_IMAGES


@dataclass(frozen=True)
class Predictions:
    """Rows image_number, rank, class_id, score (NULL without logits); the k kept; the images."""

    rows: pa.Table
    top_k: int
    images: int
    # The rows were an array's, taken as images 1..50,000 in file-name order (no order named them).
    positional: bool = False


# Rows are images: in file-name order (all 50,000) unless an order names each row's image,
# as a row-order file already read or as the file names themselves.
Order = RowOrder | Sequence[str] | None


@arguments.checked
def read(
    *,
    logits: Path | None = None,
    topk: Path | None = None,
    table: Path | None = None,
    paper: Callable[[], Path] | None = None,
    order: Path | None = None,
    row_order: choices.RowOrder = choices.RowOrder.file_name,
    array: str | None = None,
    background_first: bool = False,
    k: int | None = None,
) -> Predictions:
    """One model's predictions from the one file a user names: logits, top-k ids, a table,
    or the paper's logits (`paper` fetches them, once the options are known to fit).

    The options' rules are checked before any file is read: `order` (a file naming
    each row's image), `row_order` (a mix-up `Database.add_model` undoes) and
    `background_first` go with an array, `k` with logits.
    The command line's add-model is this function; its options bear these names.
    """
    given = [logits, topk, table, paper]
    if sum(g is not None for g in given) != 1:
        raise BadArgument("--logits, --topk, --predictions, --from-paper: give exactly one")
    for option, used in [
        ("--order", order is not None),
        ("--row-order", row_order is not choices.RowOrder.file_name),
        ("--background-first", background_first),
    ]:
        if used and (logits or topk) is None:
            raise BadArgument(f"{option}: goes with --logits or --topk")
    if order is not None and row_order is not choices.RowOrder.file_name:
        raise BadArgument("--row-order: --order names each row's image already")
    if k is not None and logits is None and paper is None:
        raise BadArgument("--k: goes with --logits (a top-k file or table keeps the k it has)")
    rows = None
    if order is not None:
        with guarded(order):
            rows = order_loader.load(order)
    if paper is not None:
        logits = paper()
    if logits is not None:
        with guarded(logits):
            k = DEFAULT_K if k is None else k
            return from_logits(
                logits, k=k, array=array, order=rows, background_first=background_first
            )
    if topk is not None:
        with guarded(topk):
            return from_top_k(topk, array=array, order=rows, background_first=background_first)
    assert table is not None  # exactly one was given
    with guarded(table):
        return from_table(table)


@arguments.checked
def from_logits(
    logits: Path | np.ndarray,
    *,
    k: int = DEFAULT_K,
    array: str | None = None,
    order: Order = None,
    background_first: bool = False,
) -> Predictions:
    """The top-k classes of each row of logits (a .npy/.npz file or an array), with softmax.

    `background_first`: 1,001 columns, the first a background class (TF-slim's
    models), left out of the top k and of the softmax.
    """
    if not 1 <= k <= NUM_CLASSES:
        raise BadArgument(f"--k {k} must be between 1 and {NUM_CLASSES}")
    if isinstance(logits, np.ndarray):
        checked = arrays.checked_logits("logits array", logits, background_first)
        return _from_logits("logits array", checked, k, order, background_first)
    with arrays.logits(logits, array, background_first) as values:
        return _from_logits(logits, values, k, order, background_first)


def _from_logits(
    where: Path | str,
    values: arrays.Logits,
    k: int,
    order: Order,
    background_first: bool = False,
) -> Predictions:
    numbers = _row_images(where, len(values), order)
    try:
        ids, probabilities = top_k(values, k, background_first)
    except NonFiniteRow as e:
        raise SourceFormatError(where, str(e)) from e
    return _ranked(numbers, ids, probabilities, order is None)


@arguments.checked
def from_top_k(
    ids: Path | np.ndarray,
    *,
    array: str | None = None,
    order: Order = None,
    background_first: bool = False,
) -> Predictions:
    """Class ids already ranked, (images, k), best first (a file or an array); no scores.

    `background_first`: ids 1..1000 of a model with a background class 0 (TF-slim).
    """
    where: Path | str
    if isinstance(ids, np.ndarray):
        where = "top-k array"
        values = arrays.checked_top_k_ids(where, ids, background_first)
    else:
        where, values = ids, arrays.top_k_ids(ids, array, background_first)
    return _ranked(_row_images(where, len(values), order), values, None, order is None)


@arguments.checked
def from_table(path: Path) -> Predictions:
    """A .parquet or .csv table of file_name, class_id[, rank][, score], or a timm result file.

    timm's inference.py writes .csv, .parquet or .json (see `timm_results`).
    """
    if timm_results.is_timm(path):
        return from_timm(path)
    rows = prediction_table.load(path)
    # Ranks run 1..n for each image; the model's k is the deepest any image goes.
    top_k = int(rows["rank"].to_numpy().max())
    return Predictions(rows, top_k, len(np.unique(rows["image_number"].to_numpy())))


@arguments.checked
def from_timm(path: Path) -> Predictions:
    """The predictions in a result file of timm's inference.py, any format it writes.

    Probabilities are kept as scores. Top-k logits are not: their softmax needs
    every class, so only a file of all 1,000 (`--topk 0`) gives scores from logits.
    """
    results = timm_results.load(path)
    names = pc.replace_substring_regex(pa.array(results.file_names), r"^.*[/\\]", "")
    numbers = prediction_table.image_numbers(path, names)
    if len(np.unique(numbers)) != len(numbers):
        raise SourceFormatError(path, "an image appears twice")
    outputs, kind = results.outputs, results.output_kind
    if results.ids is not None:
        ids = arrays.checked_top_k_ids(path, results.ids)
        probabilities = outputs if kind == "prob" and outputs is not None else None
        if probabilities is not None and probabilities.shape != ids.shape:
            raise SourceFormatError(
                path, f"{ids.shape[1]} class ids but {probabilities.shape[1]} probabilities a row"
            )
    elif outputs is not None and outputs.shape[1] == NUM_CLASSES:
        if kind == "logit":
            return _from_logits(path, outputs, DEFAULT_K, names.to_pylist())
        ids, _ = top_k(outputs, DEFAULT_K)
        probabilities = np.take_along_axis(outputs, ids, axis=1)
    else:
        raise SourceFormatError(
            path, "no class ids: write it with inference.py --include-index (or --topk 0)"
        )
    if probabilities is not None and not ((probabilities >= 0) & (probabilities <= 1)).all():
        raise SourceFormatError(path, "column prob holds values outside [0, 1]")
    return _ranked(numbers, ids, probabilities)


class NonFiniteRow(ValueError):
    """A row of logits holds NaN or an infinity: it has no top k and no softmax."""

    def __init__(self, row: int) -> None:
        super().__init__(f"row {row} (counting from 0, as NumPy does) holds NaN or infinite logits")


def top_k(
    logits: arrays.Logits, k: int, background_first: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """Class ids (best first; ties to the lower class id, as np.argmax) and softmax probabilities.

    With `background_first` the first column is no class: it is left out.

    Raises NonFiniteRow naming the first row that holds NaN or an infinity.

    Works through small blocks of rows: whole-array temporaries of 50,000 x
    1,000 cost more in page faults than the arithmetic does. Chunks of blocks
    run on every core: NumPy releases the GIL inside each call.
    """
    ids = np.empty((len(logits), k), np.int64)
    probabilities = np.empty((len(logits), k), np.float64)

    def fill(start: int) -> None:
        end = min(start + _CHUNK_ROWS, len(logits))
        for first in range(start, end, _BLOCK_ROWS):
            block = slice(first, min(first + _BLOCK_ROWS, end))
            rows = logits[block][:, int(background_first) :]
            finite = np.isfinite(rows).all(axis=1)
            if not finite.all():
                raise NonFiniteRow(first + int(np.argmin(finite)))
            ids[block], probabilities[block] = _top_k_block(rows, k)

    with ThreadPoolExecutor(os.cpu_count()) as pool:
        # In row order, so an error names the first bad row of the array.
        list(pool.map(fill, range(0, len(logits), _CHUNK_ROWS)))
    return ids, probabilities


# Measured on 2 cores for 50,000 rows: 0.22 s in one thread with 32-row
# blocks; 0.10 s in two with 128-row blocks (smaller blocks make the threads
# wait on each other for the GIL between NumPy calls, larger ones gain nothing).
_BLOCK_ROWS = 128
_CHUNK_ROWS = 2048


def _top_k_block(logits: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    # argpartition finds the k best in linear time; only rows where a tie
    # straddles the k-th place need a stable sort to keep the lower class ids.
    values = logits.astype(np.promote_types(logits.dtype, np.float32), copy=False)
    rows = np.arange(len(values))[:, np.newaxis]
    classes = values.shape[1]
    if k < classes:
        candidates = np.argpartition(values, classes - k, axis=1)[:, classes - k :]
        kth = values[rows, candidates].min(axis=1, keepdims=True)
        tied = np.flatnonzero((values >= kth).sum(axis=1) > k)
        candidates[tied] = np.argsort(-values[tied], axis=1, kind="stable")[:, :k]
    else:
        candidates = np.broadcast_to(np.arange(k), values.shape).copy()
    chosen = values[rows, candidates]
    best_first = np.lexsort((candidates, -chosen), axis=1)
    ids = np.take_along_axis(candidates, best_first, axis=1)
    chosen = np.take_along_axis(chosen, best_first, axis=1)
    # Softmax of the chosen entries only; the normaliser still needs the whole row. Logits
    # a float64 can barely hold (±1e308) overflow to -inf when shifted: exp gives 0, the
    # softmax's exact limit, so the overflow is no error (nor a warning on stderr).
    top = chosen[:, :1]
    with np.errstate(over="ignore"):
        shifted = values - top
    np.exp(shifted, out=shifted)
    return ids, np.exp(chosen - top) / shifted.sum(axis=1, keepdims=True)


def _row_images(path: Path | str, rows: int, order: Order) -> np.ndarray:
    """The image number of each row: from the order, else rows are images 1..50,000."""
    if order is not None and not isinstance(order, RowOrder):
        order = order_loader.from_names("order", order)
    if order is None:
        if rows != NUM_VALIDATION_IMAGES:
            raise SourceFormatError(
                path,
                f"{rows} rows; without --order there must be one per validation image "
                f"({NUM_VALIDATION_IMAGES}), in file-name order",
            )
        return np.arange(1, rows + 1)
    if len(order.numbers) != rows:
        raise SourceFormatError(
            order.path, f"names {len(order.numbers)} images for the {rows} rows of {path}"
        )
    return order.numbers


def _ranked(
    numbers: np.ndarray, ids: np.ndarray, scores: np.ndarray | None, positional: bool = False
) -> Predictions:
    images, k = ids.shape
    by_image = np.argsort(numbers, kind="stable")
    rows = pa.table(
        {
            "image_number": _arrow(np.repeat(numbers[by_image], k)),
            "rank": _arrow(np.tile(np.arange(1, k + 1, dtype=np.int32), images)),
            "class_id": _arrow(ids[by_image].reshape(-1).astype(np.int32)),
            "score": (
                _arrow(scores[by_image].reshape(-1).astype(np.float32))
                if scores is not None
                else pa.nulls(images * k, pa.float32())
            ),
        }
    )
    return Predictions(rows, k, images, positional)


def as_numpy(column: pa.ChunkedArray) -> np.ndarray:
    """A column of numbers without NULLs (as Predictions' rows have) as one NumPy array.

    Not column.to_numpy(): pyarrow imports pandas for it, and that import is a sixth of
    a whole `add-model`.
    """
    if column.null_count or not pa.types.is_integer(column.type):
        raise ValueError(f"as_numpy takes integers without NULLs, not {column.type}")
    dtype = np.dtype(column.type.to_pandas_dtype())
    parts = [
        np.frombuffer(chunk.buffers()[1], dtype)[chunk.offset : chunk.offset + len(chunk)]
        for chunk in column.chunks
    ]
    return np.concatenate(parts) if len(parts) != 1 else parts[0]


def _arrow(values: np.ndarray) -> pa.Array:
    """A zero-copy Arrow view of a contiguous 1-D NumPy array of numbers.

    Not pa.array(values): it imports pandas to ask whether `values` is a
    pandas object, and that import is a sixth of a whole `add-model`.
    """
    values = np.ascontiguousarray(values)
    return pa.Array.from_buffers(
        pa.from_numpy_dtype(values.dtype), len(values), [None, pa.py_buffer(values)]
    )
