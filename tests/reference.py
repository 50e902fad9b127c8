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
from typing import TypeVar

import numpy as np
from scipy.stats import norm
from statsmodels.stats.proportion import proportion_confint

ORDER = "imagenetv2/data/datasets/imagenet-validation-original.json"
ZOO = "imagenetv2/data/predictions/imagenet-validation-original"
T = TypeVar("T")
# The normal quantile of 95% intervals, from scipy rather than the package's NormalDist.
Z = float(norm.ppf(0.975))


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


IMAGE_METRICS = ("top1", "top5", "real", "mla", "mla_micro", "mla_strict", "imagenet_m_correct")
# The metrics that average per original class, then over classes.
CLASS_METRICS = ("mla", "mla_strict")


def per_image(predictions: dict[str, list[int]], world: World) -> dict[str, dict[str, bool]]:
    """For each metric id, each image it counts and whether the model is right on it."""
    found: dict[str, dict[str, bool]] = {metric: {} for metric in IMAGE_METRICS}
    for name, ranked in predictions.items():
        found["top1"][name] = ranked[0] == world.original[name]
        found["top5"][name] = world.original[name] in ranked[:5]
        if world.real[name]:
            found["real"][name] = ranked[0] in world.real[name]
        labels = world.multi.get(name)
        if labels is not None and not labels.problematic:
            lenient = ranked[0] in labels.correct or ranked[0] in labels.unclear
            found["mla"][name] = found["mla_micro"][name] = lenient
            found["mla_strict"][name] = ranked[0] in labels.correct
        if world.imagenet_m is not None and name in world.imagenet_m:
            labels = world.multi[name]
            found["imagenet_m_correct"][name] = (
                ranked[0] in labels.correct or ranked[0] in labels.unclear
            )
    return found


def per_class(per_image: dict[str, T], world: World) -> dict[int, list[T]]:
    """Values keyed by image (a metric's hits, say) grouped by the image's original class."""
    found: dict[int, list[T]] = {}
    for name, value in per_image.items():
        found.setdefault(world.original[name], []).append(value)
    return found


def interval(hits: dict[str, bool], world: World, metric: str) -> tuple[float, float] | None:
    """The 95% interval of one metric from its per-image hits, as published: statsmodels'
    Wilson interval (a count's in images), and for a mean over classes the same at its
    effective number of images, value (1 - value) / variance (Kish's), the variance
    being the sum of p (1 - p) / n over classes^2, or the images when that is 0."""
    if not hits:
        return None
    if metric in CLASS_METRICS:
        classes = list(per_class(hits, world).values())
        mean = sum((Fraction(sum(c), len(c)) for c in classes), Fraction(0)) / len(classes)
        variance = (
            sum((Fraction(sum(c) * (len(c) - sum(c)), len(c) ** 3) for c in classes), Fraction(0))
            / len(classes) ** 2
        )
        effective = float(mean * (1 - mean) / variance) if variance else len(hits)
        low, high = proportion_confint(
            float(mean) * effective, effective, alpha=0.05, method="wilson"
        )
        return float(low), float(high)
    low, high = proportion_confint(sum(hits.values()), len(hits), alpha=0.05, method="wilson")
    if metric == "imagenet_m_correct":  # a count: the share's bounds, in images
        return low * len(hits), high * len(hits)
    return float(low), float(high)


def metrics(predictions: dict[str, list[int]], world: World) -> dict[str, float | int | None]:
    """Every leaderboard figure of one model whose predictions are `predictions`."""
    hits = per_image(predictions, world)

    def share(metric: str) -> float | None:
        counted = hits[metric]
        return sum(counted.values()) / len(counted) if counted else None

    def mean(metric: str) -> float | None:
        # Exact: the mean of the per-class fractions, rounded once (unknown over no images).
        classes = per_class(hits[metric], world).values()
        fractions = [Fraction(sum(c), len(c)) for c in classes]
        return float(sum(fractions, Fraction(0)) / len(fractions)) if fractions else None

    imagenet_m = hits["imagenet_m_correct"]
    known_m = world.imagenet_m is not None
    return {
        "top1": share("top1"),
        "top5": share("top5"),
        "real": share("real"),
        "mla": mean("mla"),
        "mla_micro": share("mla_micro"),
        "mla_strict": mean("mla_strict"),
        "imagenet_m_correct": sum(imagenet_m.values()) if known_m else None,
        "imagenet_m_total": len(imagenet_m) if known_m else None,
        "images": len(predictions),
        "real_images": len(hits["real"]),
        "mla_images": len(hits["mla"]),
        "mla_classes": len(per_class(hits["mla"], world)),
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
