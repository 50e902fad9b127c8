"""ImageNet-X's per-image annotations (Idrissi et al. 2023), as the PyPI package ships them.

- `imagenet_x_val_multi_factor.jsonl`: one JSON object per annotated
  validation image (48,868): `file_name`, `class` (the original label), a 0/1
  column per factor of variation (16), `justification` and `one_word` (the
  annotator's words, sometimes null). Every factor that applies is 1.
- `imagenet_x_val_top_factor.jsonl`: the same images, with only the one top
  factor set (two images have none).
- `prototypical_paths.csv`: `file_name` of the images ImageNet-X's evaluation
  leaves out by default (`load_annotations(filter_prototypes=True)`).
- `imagenet_1k_classes_to_100_metaclasses.csv`: row i is class i: `wnid` and
  `name` of its metaclass (100), `metaclass` the metaclass's number.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.json as pa_json

from imagenet_mistakes.errors import SourceFormatError
from imagenet_mistakes.loaders.prediction_table import image_numbers
from imagenet_mistakes.loaders.published import read_csv
from imagenet_mistakes.loaders.validate import NUM_CLASSES

FACTORS = (
    "pose", "background", "pattern", "color", "smaller", "shape", "partial_view",
    "subcategory", "texture", "larger", "darker", "object_blocking", "person_blocking",
    "style", "brighter", "multiple_objects",
)  # fmt: skip
# The metaclasses ImageNet-X's evaluation keeps by name (imagenet_x.utils.METACLASSES,
# restated: the package is read, not imported); the others count as one, "other".
METACLASSES = (
    "device", "dog", "commodity", "bird", "structure", "covering", "wheeled_vehicle", "food",
    "equipment", "insect", "vehicle", "furniture", "primate", "vessel", "snake",
    "natural_object",
)  # fmt: skip
OTHER = "other"


def read_annotations(path: Path, original: np.ndarray) -> pa.Table:
    """The file's images (image_number, justification, one_word) and their factors, one
    0/1 column each; `original` is every image's original label (index image_number - 1),
    which each row's `class` must be."""
    try:
        table = pa_json.read_json(path)
    except (pa.ArrowInvalid, OSError) as e:
        raise SourceFormatError(path, f"unreadable JSON lines ({e})") from e
    missing = sorted(
        {"file_name", "class", "justification", "one_word", *FACTORS} - set(table.column_names)
    )
    if missing:
        raise SourceFormatError(path, f"missing keys {missing}")
    for key in ("file_name", "class", *FACTORS):
        if table[key].null_count:
            raise SourceFormatError(path, f"a line without {key}")
    if not pa.types.is_integer(table["class"].type):
        raise SourceFormatError(path, f"class: not whole numbers ({table['class'].type})")
    numbers = image_numbers(path, table["file_name"])
    if len(np.unique(numbers)) != len(numbers):
        raise SourceFormatError(path, "an image appears twice")
    labels = table["class"].to_numpy(zero_copy_only=False)
    wrong = np.flatnonzero(labels != original[numbers - 1])
    if len(wrong):
        first = wrong[0]
        raise SourceFormatError(
            path,
            f"{table['file_name'][first]}: class {labels[first]} is not its original label "
            f"{original[numbers[first] - 1]}",
        )
    columns = {"image_number": pa.array(numbers, pa.int32())}
    for factor in FACTORS:
        values = table[factor].to_numpy(zero_copy_only=False)
        if not np.isin(values, (0, 1)).all():
            raise SourceFormatError(path, f"{factor}: values other than 0 and 1")
        columns[factor] = pa.array(values == 1)
    for text in ("justification", "one_word"):
        columns[text] = pc.cast(table[text], pa.string())
    return pa.table(columns)


def factor_rows(multi: pa.Table, top: pa.Table, path: Path) -> pa.Table:
    """Rows of `image_factors`: each image's factors (multi), flagged where it is the top
    one. `path` (the top file) is named when the two files disagree."""
    if not multi["image_number"].equals(top["image_number"]):
        raise SourceFormatError(path, "not the images of the multi-factor file, in its order")
    parts = []
    for factor in FACTORS:
        applies, is_top = multi[factor].to_numpy(), top[factor].to_numpy()
        if (is_top & ~applies).any():
            raise SourceFormatError(path, f"{factor}: a top factor the multi-factor file lacks")
        parts.append(
            pa.table(
                {
                    "image_number": pc.filter(multi["image_number"], pa.array(applies)),
                    "factor": pa.array([factor] * int(applies.sum()), pa.string()),
                    "top": pa.array(is_top[applies]),
                }
            )
        )
    return pa.concat_tables(parts).sort_by([("image_number", "ascending"), ("factor", "ascending")])


def images(multi: pa.Table, prototypes: Collection[int]) -> pa.Table:
    """Rows of `imagenet_x_images`: every annotated image, its words, and whether
    ImageNet-X's evaluation leaves it out as prototypical."""
    numbers = multi["image_number"]
    return pa.table(
        {
            "image_number": numbers,
            "prototypical": pa.array(np.isin(numbers.to_numpy(), list(prototypes))),
            "justification": multi["justification"],
            "one_word": multi["one_word"],
        }
    )


def prototypes(path: Path) -> set[int]:
    """The validation images ImageNet-X leaves out as prototypical."""
    table = read_csv(path, ["file_name"])
    return set(image_numbers(path, table["file_name"]).tolist())


def metaclasses(path: Path) -> pa.Table:
    """Rows of `class_metaclasses`: each class's metaclass of 100 (rows are in class-id
    order; the wnids are the metaclasses'), and the group ImageNet-X evaluates it in (the
    metaclass if one of METACLASSES, else other)."""
    table = read_csv(path, ["wnid", "name", "metaclass"])
    if table.num_rows != NUM_CLASSES:
        raise SourceFormatError(path, f"{table.num_rows} rows, not one per class ({NUM_CLASSES})")
    names = table["name"].to_pylist()
    numbers = table["metaclass"].to_pylist()
    # One name per metaclass number: the file repeats both on every class's row.
    if len(set(zip(names, numbers, strict=True))) != len(set(numbers)):
        raise SourceFormatError(path, "a metaclass number with two names")
    return pa.table(
        {
            "class_id": pa.array(range(NUM_CLASSES), pa.int32()),
            "metaclass": pa.array([name if name in METACLASSES else OTHER for name in names]),
            "fine_metaclass": pa.array(names, pa.string()),
            "fine_metaclass_wnid": pc.cast(table["wnid"], pa.string()),
        }
    )
