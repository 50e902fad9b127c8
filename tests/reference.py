"""The paper's metrics written plainly in Python, sharing no code with the package or its views.

Per-example loops in the style of the published evaluations: the TFDS
`imagenet2012_multilabel` README loop (skip problematic images; top-1 counts
when it is a correct or unclear label; accuracy per original class, then the
mean over classes), the ReaL README (skip images with an empty list; top-1 in
the list), top-k against the original label, and the ImageNet-M count.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import numpy as np

ORDER = "imagenetv2/data/datasets/imagenet-validation-original.json"
ZOO = "imagenetv2/data/predictions/imagenet-validation-original"


@dataclass
class MultiLabel:
    correct: set[int]
    unclear: set[int]
    problematic: bool


@dataclass
class World:
    """Every label the metrics need, keyed by image file name."""

    original: dict[str, int]
    real: dict[str, list[int]]
    multi: dict[str, MultiLabel]
    imagenet_m: set[str] | None


def read_world(mirror: Path, imagenet_m: set[str] | None = None) -> World:
    classes = json.loads((mirror / "imagenetv2/data/metadata/class_info.json").read_text())
    cid = {c["wnid"]: c["cid"] for c in classes}
    listing = json.loads((mirror / ORDER).read_text())["image_filenames"]
    original = {name: cid[wnid] for name, wnid in listing}
    real_lists = json.loads((mirror / "reassessed-imagenet/real.json").read_text())
    real = {f"ILSVRC2012_val_{i + 1:08d}.JPEG": labels for i, labels in enumerate(real_lists)}
    multi = {}
    dump = mirror / "multilabel/tfds_imagenet2012_multilabel_validation_dump.csv"
    with dump.open(newline="") as f:
        for row in csv.DictReader(f):

            def ids(field: str) -> set[int]:
                return {int(v) for v in field.split(",") if v.strip()}

            multi[row["id"]] = MultiLabel(
                ids(row["proposed_labels"]),
                ids(row["unclear_multi_labels"]),
                row["is_problematic"] == "True",
            )
    return World(original, real, multi, imagenet_m)


def zoo_predictions(mirror: Path, model: str) -> dict[str, list[int]]:
    """A zoo model's top-5 class ids by file name, from its .npy and the listing's row order."""
    names = [name for name, _ in json.loads((mirror / ORDER).read_text())["image_filenames"]]
    top5 = np.load(mirror / ZOO / f"{model}.npy")
    return {name: [int(c) for c in row] for name, row in zip(names, top5, strict=True)}


def metrics(predictions: dict[str, list[int]], world: World) -> dict[str, float | int | None]:
    """Every leaderboard figure of one model whose predictions are `predictions`."""
    top1_hits = top5_hits = 0
    for name, ranked in predictions.items():
        top1_hits += ranked[0] == world.original[name]
        top5_hits += world.original[name] in ranked[:5]

    real_hits = real_images = 0
    for name, ranked in predictions.items():
        if world.real[name]:
            real_images += 1
            real_hits += ranked[0] in world.real[name]

    correct_per_class: dict[int, int] = {}
    strict_per_class: dict[int, int] = {}
    images_per_class: dict[int, int] = {}
    for name, labels in world.multi.items():
        if labels.problematic or name not in predictions:
            continue
        cls = world.original[name]
        images_per_class[cls] = images_per_class.get(cls, 0) + 1
        top1 = predictions[name][0]
        correct_per_class[cls] = correct_per_class.get(cls, 0) + (
            top1 in labels.correct or top1 in labels.unclear
        )
        strict_per_class[cls] = strict_per_class.get(cls, 0) + (top1 in labels.correct)
    classes = sorted(images_per_class)
    mla_images = sum(images_per_class.values())

    imagenet_m_correct = imagenet_m_total = None
    if world.imagenet_m is not None:
        imagenet_m_correct = imagenet_m_total = 0
        for name in world.imagenet_m:
            if name in predictions:
                imagenet_m_total += 1
                labels = world.multi[name]
                top1 = predictions[name][0]
                imagenet_m_correct += top1 in labels.correct or top1 in labels.unclear

    def mean(values: list[Fraction]) -> float | None:
        # Exact: the mean of the fractions, rounded once (unknown over no images).
        return float(sum(values, Fraction(0)) / len(values)) if values else None

    return {
        "top1": top1_hits / len(predictions),
        "top5": top5_hits / len(predictions),
        "real": real_hits / real_images if real_images else None,
        "mla": mean([Fraction(correct_per_class[c], images_per_class[c]) for c in classes]),
        "mla_micro": sum(correct_per_class.values()) / mla_images if mla_images else None,
        "mla_strict": mean([Fraction(strict_per_class[c], images_per_class[c]) for c in classes]),
        "imagenet_m_correct": imagenet_m_correct,
        "imagenet_m_total": imagenet_m_total,
        "images": len(predictions),
        "real_images": real_images,
        "mla_images": mla_images,
        "mla_classes": len(classes),
    }


def paper_model_mla(mistakes_file: Path, world: World) -> dict[str, float | int]:
    """Multi-label accuracy of a paper model: each scored image not listed as a mistake is right."""
    mistakes = set(json.loads(mistakes_file.read_text()))
    right: dict[int, list[bool]] = {}
    for name, labels in world.multi.items():
        if not labels.problematic:
            right.setdefault(world.original[name], []).append(name not in mistakes)
    flat = [r for per_class in right.values() for r in per_class]
    return {
        "mla": float(sum(Fraction(sum(r), len(r)) for r in right.values()) / len(right)),
        "mla_micro": sum(flat) / len(flat),
        "mla_images": len(flat),
        "mla_classes": len(right),
    }


def wordnet_ancestors(mirror: Path) -> dict[str, dict[str, int]]:
    """For every WordNet synset: each ancestor (itself at 0) at its shortest is-a distance."""
    folder = mirror / "breeds-benchmarks/imagenet_class_hierarchy/wordnet"
    parents: dict[str, list[str]] = {}
    for line in (folder / "class_hierarchy.txt").read_text().splitlines():
        if line.strip():
            parent, child = line.split()
            parents.setdefault(child, []).append(parent)
    memo: dict[str, dict[str, int]] = {}

    def up(wnid: str) -> dict[str, int]:
        if wnid not in memo:
            found = {wnid: 0}
            for parent in parents.get(wnid, []):
                for ancestor, distance in up(parent).items():
                    found[ancestor] = min(found.get(ancestor, distance + 1), distance + 1)
            memo[wnid] = found
        return memo[wnid]

    return {wnid: up(wnid) for wnid in list(parents)}


def auto_category(
    image: str,
    predicted: int,
    world: World,
    wnids: list[str],
    ancestors: dict[str, dict[str, int]],
) -> str:
    """The two rules of the auto_categories view, written out per mistake."""
    up_predicted = ancestors[wnids[predicted]]
    steps = [
        max(up_predicted[a], d)
        for label in world.multi[image].correct
        if label != predicted
        for a, d in ancestors[wnids[label]].items()
        if a in up_predicted
    ]
    if steps and min(steps) <= 4:
        return "fine-grained"
    same_class = [
        name
        for name, labels in world.multi.items()
        if name != image and world.original[name] == world.original[image]
        and predicted in labels.correct
    ]  # fmt: skip
    return "spurious-correlation" if len(same_class) >= 2 else "unclassified"
