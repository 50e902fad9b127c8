"""The input doctor: the ordering mix-ups that store a model at chance, caught before they are.

A mix-up fails silently: rows in another image order, or outputs numbered in
another class order, give a model of 0.1% top-1 that looks merely bad. When a
model's top-1 on the original labels is near chance, each mix-up users make is
tried on its top-1 predictions; the one that explains them is named in the
error, with the options that undo it (`fixed` applies them).
"""

from __future__ import annotations

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from imagenet_mistakes import reads
from imagenet_mistakes.choices import ClassOrder, RowOrder
from imagenet_mistakes.errors import BadArgument, SourceFormatError
from imagenet_mistakes.predictions import Predictions, as_numpy

# Under this top-1 a model is at chance for our purposes: the weakest classic
# model (AlexNet) has 56%; a mix-up leaves about 0.1%.
NEAR_CHANCE = 0.05
# Fewer images than this say too little to judge a model by (a test set of a few).
ENOUGH_IMAGES = 1000


_WHAT = {
    RowOrder.class_folder: "rows in class-folder order (val/<wnid>/<file>, by wnid then file)",
    ClassOrder.ilsvrc_id: "outputs numbered in ILSVRC2012_ID order (the devkit's meta.mat)",
    ClassOrder.imagefolder_string: "outputs numbered as an ImageFolder sorts 0..999 as strings",
}


def fixed(
    con: duckdb.DuckDBPyConnection,
    predictions: Predictions,
    row_order: RowOrder = RowOrder.file_name,
    class_order: ClassOrder = ClassOrder.sorted_wnid,
) -> Predictions:
    """The predictions with their rows moved to the images they are of, and classes renumbered."""
    try:
        row_order, class_order = RowOrder(row_order), ClassOrder(class_order)
    except ValueError as e:
        raise BadArgument(f"{e}; the orders are {[*RowOrder]} and {[*ClassOrder]}") from e
    if row_order is not RowOrder.file_name and not predictions.positional:
        raise BadArgument(f"--row-order {row_order}: goes with --logits or --topk without --order")
    rows = predictions.rows
    if row_order is RowOrder.class_folder:
        # Row i was taken for image i + 1; it is of the i-th image in class-folder order.
        images = reads.class_folder_order(con)[as_numpy(rows["image_number"]) - 1]
        rows = rows.set_column(0, "image_number", pa.array(images))
    if class_order is not ClassOrder.sorted_wnid:
        meaning = reads.class_order(con, class_order)
        classes = meaning[as_numpy(rows["class_id"])]
        rows = rows.set_column(2, "class_id", pa.array(classes, pa.int32()))
    if rows is predictions.rows:
        return predictions
    order = pc.sort_indices(rows, [("image_number", "ascending"), ("rank", "ascending")])
    return Predictions(rows.take(order), predictions.top_k, predictions.images, False)


def check(con: duckdb.DuckDBPyConnection, predictions: Predictions, source: str) -> None:
    """Refuse a model near chance on the original labels, naming the mix-up that explains it."""
    if predictions.images < ENOUGH_IMAGES:
        return
    # In NumPy, read without pandas (as_numpy): Arrow's compute functions given a Python
    # scalar import it (0.3 s), as its to_numpy does.
    rows = predictions.rows
    top1 = as_numpy(rows["rank"]) == 1
    images = as_numpy(rows["image_number"])[top1]
    classes = as_numpy(rows["class_id"])[top1]
    labels = reads.original_labels(con)
    accuracy = _accuracy(classes, labels[images])
    if accuracy >= NEAR_CHANCE:
        return
    # Rows are in file-name order unless an order named their images.
    truths = {RowOrder.file_name: labels[images]}
    if predictions.positional:
        truths[RowOrder.class_folder] = labels[reads.class_folder_order(con)[images - 1]]
    meanings = {order: reads.class_order(con, order)[classes] for order in ClassOrder}
    tried = {
        (row, order): _accuracy(meaning, truth)
        for row, truth in truths.items()
        for order, meaning in meanings.items()
        if (row, order) != (RowOrder.file_name, ClassOrder.sorted_wnid)
    }
    (row, order), best = max(tried.items(), key=lambda item: item[1])
    said = f"top-1 on the original labels is {accuracy:.1%}, near chance"
    if best < NEAR_CHANCE:
        raise SourceFormatError(
            source,
            f"{said}, and no row or class order explains it; "
            "--allow-low-accuracy stores it as it is",
        )
    options = " ".join(
        [f"--row-order {row}"] * (row is not RowOrder.file_name)
        + [f"--class-order {order}"] * (order is not ClassOrder.sorted_wnid)
    )
    what = " and ".join(_WHAT[value] for value in (row, order) if value in _WHAT)
    raise SourceFormatError(source, f"{said}; {best:.1%} with {options}: {what}? Add {options}")


def _accuracy(predicted: np.ndarray, labels: np.ndarray) -> float:
    return float(np.mean(predicted == labels)) if len(labels) else 0.0
