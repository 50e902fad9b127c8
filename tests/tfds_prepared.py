"""A SYNTHETIC prepared TFDS `imagenet2012_multilabel:3.0.0` dataset, made without TensorFlow.

The real dataset needs the 6.4 GB ILSVRC2012 validation tarball. Here the
TFDS builder itself writes the array_record files, but from the synthetic
annotations of tests/synthetic.py and a placeholder JPEG instead of images,
so the files have exactly the layout and feature encoding TFDS produces.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import tensorflow_datasets as tfds
from tensorflow_datasets.datasets.imagenet2012_multilabel import (
    imagenet2012_multilabel_dataset_builder as multilabel_builder,
)

from tests import synthetic

# The smallest byte string a JPEG reader would accept as start and end of image.
_NOT_AN_IMAGE = b"\xff\xd8\xff\xd9"


def _example(name: str) -> dict[str, Any]:
    annot = synthetic.human_accuracy()["initial_annots"][name]
    ids = synthetic.WNIDS.index
    return {
        "file_name": name,
        "image": _NOT_AN_IMAGE,
        "original_label": ids(synthetic.label(int(name[15:23]))),
        "correct_multi_labels": [ids(w) for w in annot.get("correct", [])],
        "unclear_multi_labels": [ids(w) for w in annot.get("unclear", [])],
        "wrong_multi_labels": [ids(w) for w in annot.get("wrong", [])],
        "is_problematic": name in synthetic.PROBLEMATIC,
    }


def _split_generators(self: Any, dl_manager: Any) -> dict[str, Iterator[tuple[str, Any]]]:
    splits = {"validation": synthetic.ANNOTATED, "imagenet_m": synthetic.IMAGENET_M}
    return {split: ((name, _example(name)) for name in names) for split, names in splits.items()}


def write_prepared(data_dir: Path) -> Path:
    """Prepare the synthetic dataset as array_record under `data_dir`; return `data_dir`."""
    with mock.patch.object(multilabel_builder.Builder, "_split_generators", _split_generators):
        builder = multilabel_builder.Builder(data_dir=str(data_dir), file_format="array_record")
        builder.download_and_prepare(
            download_config=tfds.download.DownloadConfig(manual_dir=str(data_dir))
        )
    return data_dir


def mark_as_tfrecord(data_dir: Path) -> None:
    """Make the dataset claim tfrecord files, as one prepared by default with TensorFlow does."""
    info_path = data_dir / "imagenet2012_multilabel" / "3.0.0" / "dataset_info.json"
    info = json.loads(info_path.read_text())
    info["fileFormat"] = "tfrecord"
    info_path.write_text(json.dumps(info))
