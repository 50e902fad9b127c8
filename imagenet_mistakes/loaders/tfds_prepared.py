"""A prepared TFDS `imagenet2012_multilabel:3.0.0` dataset (`--tfds-data-dir`).

Besides the canonical JSON, this is the one place the ImageNet-M list exists:
it is the dataset's `imagenet_m` split. Only the file names and labels of the
`validation` and `imagenet_m` splits are read; images are never decoded.

TFDS reads a dataset prepared as array_record through `as_data_source`
without TensorFlow; a dataset prepared as tfrecord can only be read with
TensorFlow installed, which this project does not require, so it is refused.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from imagenet_mistakes.errors import SourceFormatError, SourceUnavailable
from imagenet_mistakes.loaders.labels import MultiLabels, labels_table
from imagenet_mistakes.loaders.validate import file_name_of, image_number

if TYPE_CHECKING:
    import tensorflow_datasets as tfds

NAME = "imagenet2012_multilabel"
VERSION = "3.0.0"
_VERDICTS = {
    "correct_multi_labels": "correct",
    "unclear_multi_labels": "unclear",
    "wrong_multi_labels": "wrong",
}


def dataset_info(data_dir: Path) -> Path:
    """The `dataset_info.json` that identifies the prepared dataset under `data_dir`."""
    info = data_dir / NAME / VERSION / "dataset_info.json"
    if not info.is_file():
        raise SourceUnavailable(
            f"{data_dir}: no prepared {NAME}:{VERSION} dataset ({info} missing)"
        )
    return info


def load(data_dir: Path, wnids: Sequence[str]) -> MultiLabels:
    """Labels, problematic images and the ImageNet-M list of a prepared dataset."""
    # Imported here: it takes longer to import than most commands take to run,
    # and only --tfds-data-dir needs it.
    import tensorflow_datasets as tfds

    info = dataset_info(data_dir)
    try:
        builder = tfds.builder(f"{NAME}:{VERSION}", data_dir=str(data_dir))
        file_format = builder.info.file_format
    # TFDS reads the user's dataset_info.json with protobuf's JSON parser and wraps what
    # goes wrong in whatever its layer raises (ParseError, RuntimeError, ValueError...):
    # any of them means the file is not one TFDS can read.
    except Exception as e:
        problem = re.sub(r"^(\w+: )?Failed to construct dataset .*?\}\": ", "", str(e).strip())
        raise SourceFormatError(info, f"not a dataset_info TFDS can read ({problem})") from e
    if file_format != tfds.core.FileFormat.ARRAY_RECORD:
        raise SourceFormatError(
            info,
            f"prepared as {file_format.value if file_format else 'unknown'}; only array_record "
            "can be read without TensorFlow (prepare it with file_format='array_record')",
        )
    names = builder.info.features["correct_multi_labels"].feature.names
    if list(names) != list(wnids):
        raise SourceFormatError(info, "class names differ from the 1,000 ImageNet wnids")
    for split in ("validation", "imagenet_m"):
        if split not in builder.info.splits:
            raise SourceFormatError(info, f"no {split!r} split")

    rows = []
    annotated = set()
    problematic = set()
    for example in _examples(builder, "validation"):
        number = _image_number(info, example)
        annotated.add(number)
        for feature, verdict in _VERDICTS.items():
            rows += [(number, int(c), verdict) for c in example[feature]]
        if example["is_problematic"]:
            problematic.add(number)
    imagenet_m = {_image_number(info, example) for example in _examples(builder, "imagenet_m")}
    outside = sorted(imagenet_m - annotated)
    if outside:
        raise SourceFormatError(
            info, f"imagenet_m image {file_name_of(outside[0])} is not in validation"
        )
    return MultiLabels(
        labels_table(rows),
        frozenset(annotated),
        frozenset(problematic),
        frozenset(imagenet_m),
    )


def _examples(builder: tfds.core.DatasetBuilder, split: str) -> Any:
    import tensorflow_datasets as tfds

    # SkipDecoding keeps the JPEG bytes undecoded; everything else is small.
    return builder.as_data_source(split=split, decoders={"image": tfds.decode.SkipDecoding()})


def _image_number(info: Path, example: dict[str, Any]) -> int:
    name = example["file_name"]
    return image_number(info, name.decode() if isinstance(name, bytes) else name)
