"""The seed notebook's evaluation, run end to end from the files as one process.

Run: python benchmarks/notebook.py LOGITS MULTILABEL_JSON CLASS_INFO_JSON [--numpy]

As published (the TFDS `imagenet2012_multilabel` README), one example at a
time: the model's prediction for every file name (`tf.argmax` of its logits
row), then top-1 over the validation examples, multi-label accuracy over the
multi-label examples (skip problematic images; a prediction counts when it is
among the correct or unclear labels; accuracy per original class, then the
mean), and the count over the ImageNet-M split. The examples come from
`tf.data` datasets holding what `tfds.load` would give (without the images,
which favours the notebook), read with `.numpy()` as the README does.

With --numpy, or when TensorFlow is not installed, the same loops run over
Python lists with NumPy ops instead. Prints one JSON line: the numbers
(benchmarks/run.py checks them against the database) and the ops used.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Iterable
from importlib import resources
from typing import Any

import numpy as np

Example = dict[str, Any]


def original_labels(wnid_to_id: dict[str, int]) -> list[int]:
    """The 50,000 original labels, from the label file shipped in tensorflow-datasets."""
    text = (
        resources.files("tensorflow_datasets") / "datasets/imagenet2012/validation_labels.txt"
    ).read_text()
    return [wnid_to_id[wnid] for wnid in text.split()]


def splits(
    columns: dict[str, dict[str, list[Any]]], use_numpy: bool
) -> tuple[str, dict[str, Iterable[Example]], Callable[[Any], Any], Callable[[Any], int]]:
    """Each split as examples, how to read a feature, and argmax: TensorFlow eager, else NumPy."""
    if not use_numpy:
        try:
            import tensorflow as tf
        except ImportError:
            pass
        else:

            def dataset(split: dict[str, list[Any]]) -> Iterable[Example]:
                tensors = {
                    key: tf.ragged.constant(values) if key.endswith("_labels") else values
                    for key, values in split.items()
                }
                return tf.data.Dataset.from_tensor_slices(tensors)  # type: ignore[no-any-return]

            return (
                f"TensorFlow {tf.__version__} eager ops, examples from tf.data",
                {name: dataset(split) for name, split in columns.items()},
                lambda feature: feature.numpy(),
                lambda row: tf.argmax(row).numpy(),
            )

    def examples(split: dict[str, list[Any]]) -> list[Example]:
        rows = zip(*split.values(), strict=True)
        return [dict(zip(split, values, strict=True)) for values in rows]

    return (
        f"NumPy {np.__version__} ops, examples from Python lists",
        {name: examples(split) for name, split in columns.items()},
        lambda feature: feature,
        lambda row: np.argmax(row),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("logits")
    parser.add_argument("multilabel")
    parser.add_argument("class_info")
    parser.add_argument("--numpy", action="store_true")
    options = parser.parse_args()

    logits = np.load(options.logits)
    with open(options.class_info) as f:
        wnid_to_id = {c["wnid"]: c["cid"] for c in json.load(f)}
    labels = original_labels(wnid_to_id)
    file_names = [f"ILSVRC2012_val_{i:08d}.JPEG".encode() for i in range(1, len(labels) + 1)]
    with open(options.multilabel) as f:
        annotations = json.load(f)
    annotated = [n for n in annotations["initial_annots"] if n.startswith("ILSVRC2012_val_")]

    def multilabel_split(names: list[str]) -> dict[str, list[Any]]:
        def ids(name: str, verdict: str) -> list[int]:
            return [wnid_to_id[w] for w in annotations["initial_annots"][name].get(verdict, [])]

        return {
            "file_name": [n.encode() for n in names],
            "original_label": [labels[int(n[15:23]) - 1] for n in names],
            "correct_multi_labels": [ids(n, "correct") for n in names],
            "unclear_multi_labels": [ids(n, "unclear") for n in names],
            "is_problematic": [n in annotations["problematic_images"] for n in names],
        }

    ops, data, value, argmax = splits(
        {
            "validation": {"file_name": file_names, "label": labels},
            "multilabel": multilabel_split(annotated),
            "imagenet_m": multilabel_split(annotations["imagenet_m"]),
        },
        options.numpy,
    )

    # "We assume that predictions is a dictionary from file_name to a class index."
    predictions = {name: argmax(logits[i]) for i, name in enumerate(file_names)}

    def top1_accuracy() -> float:
        correct = total = 0
        for example in data["validation"]:
            total += 1
            correct += predictions[value(example["file_name"])] == value(example["label"])
        return correct / total

    def multilabel_accuracy() -> float:
        num_correct_per_class: dict[int, int] = {}
        num_images_per_class: dict[int, int] = {}
        for example in data["multilabel"]:
            # We ignore all problematic images
            if value(example["is_problematic"]):
                continue
            cur_class = value(example["original_label"])
            if cur_class not in num_correct_per_class:
                num_correct_per_class[cur_class] = 0
                num_images_per_class[cur_class] = 0
            num_images_per_class[cur_class] += 1
            cur_pred = predictions[value(example["file_name"])]
            # Correct or unclear: lenient with the unclear labels.
            if cur_pred in value(example["correct_multi_labels"]) or cur_pred in value(
                example["unclear_multi_labels"]
            ):
                num_correct_per_class[cur_class] += 1
        return sum(
            num_correct_per_class[c] / num_images_per_class[c] for c in num_images_per_class
        ) / len(num_images_per_class)

    def imagenet_m_accuracy() -> tuple[int, int]:
        correct = total = 0
        for example in data["imagenet_m"]:
            total += 1
            cur_pred = predictions[value(example["file_name"])]
            correct += bool(
                cur_pred in value(example["correct_multi_labels"])
                or cur_pred in value(example["unclear_multi_labels"])
            )
        return correct, total

    top1, mla = top1_accuracy(), multilabel_accuracy()
    m_correct, m_total = imagenet_m_accuracy()
    print(json.dumps({"ops": ops, "top1": top1, "mla": mla,
                      "imagenet_m_correct": m_correct, "imagenet_m_total": m_total}))  # fmt: skip


if __name__ == "__main__":
    main()
