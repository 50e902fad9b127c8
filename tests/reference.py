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
import re
from dataclasses import dataclass, field
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
    # The label sets that list an image's correct classes, by metric: the images they label.
    corrections: dict[str, dict[str, set[int]]] = field(default_factory=dict)


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
    return World(original, real, multi, imagenet_m, read_corrections(mirror))


# Flaws of ImageNet's normalised files, by the metric that scores against them.
CORRECTIONS = {
    "clean": "flaws-of-imagenet/eval_corrections/verify_images/results/clean_validation.csv",
    "finegrained": "flaws-of-imagenet/eval_corrections/load_data/validation_correction/"
    "imagenet_finegrained/finegrained.csv",
}


def read_corrections(mirror: Path) -> dict[str, dict[str, set[int]]]:
    """Each file's proposed classes by image; an image with none is not scored."""
    found: dict[str, dict[str, set[int]]] = {}
    for metric, path in CORRECTIONS.items():
        with (mirror / path).open(newline="") as f:
            rows = [(row["id"], row["proposed_labels"]) for row in csv.DictReader(f)]
        found[metric] = {
            name: {int(v) for v in proposed.split(",")} for name, proposed in rows if proposed
        }
    return found


def zoo_predictions(mirror: Path, model: str) -> dict[str, list[int]]:
    """A zoo model's top-5 class ids by file name, from its .npy and the listing's row order."""
    names = [name for name, _ in json.loads((mirror / ORDER).read_text())["image_filenames"]]
    top5 = np.load(mirror / ZOO / f"{model}.npy")
    return {name: [int(c) for c in row] for name, row in zip(names, top5, strict=True)}


IMAGE_METRICS = (
    "top1", "top5", "real", "clean", "finegrained", "mla", "mla_micro", "mla_strict",
    "imagenet_m_correct",
)  # fmt: skip
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
        for metric, labelled in world.corrections.items():
            if name in labelled:
                found[metric][name] = ranked[0] in labelled[name]
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
        "clean": share("clean"),
        "finegrained": share("finegrained"),
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


ETH_LISTS = "automated-error-analysis/common_error_samples"
REAL = "reassessed-imagenet"


def real_questions(mirror: Path) -> dict[tuple[int, int], tuple[float, list[int]]]:
    """ReaL's (image number, class) -> (score, [no, maybe, yes] votes), read with NumPy alone."""
    scores = np.load(mirror / REAL / "scores.npz")
    raters = np.load(mirror / REAL / "raters.npz")
    votes = raters["tensor"].sum(axis=0)
    return {
        (int(name[15:23]), int(label)): (float(score), [int(v) for v in count])
        for (name, label), score, count in zip(scores["info"], scores["tensor"], votes, strict=True)
    }


@dataclass
class Evidence:
    """What the categoriser's rules read, each from its upstream file."""

    world: World
    wnids: list[str]
    ancestors: dict[str, dict[str, int]]
    # WordNet node -> how many of the 1,000 classes are it or below it.
    sizes: dict[str, int]
    # ETH's common-error lists: (image name, prediction) -> its type, and the images
    # of the non-prototypical list.
    eth_pairs: dict[tuple[str, int], set[str]]
    eth_non_prototypical: set[str]
    # Flaws of ImageNet: class -> (its group's classes, the group's kinds).
    groups: dict[int, tuple[set[int], set[int]]]
    real: dict[tuple[int, int], tuple[float, list[int]]]


def read_evidence(mirror: Path, world: World) -> Evidence:
    classes = json.loads((mirror / "imagenetv2/data/metadata/class_info.json").read_text())
    wnids = [c["wnid"] for c in sorted(classes, key=lambda c: c["cid"])]
    eth_pairs: dict[tuple[str, int], set[str]] = {}
    non_prototypical = set()
    for key, kind in [("fg", "fg"), ("fg-OOV", "oov"), ("spurious_correlation", "co_occurrence"),
                      ("non-proto", "non_prototypical")]:  # fmt: skip
        text = (mirror / ETH_LISTS / f"most_common_{key}.txt").read_text()
        for block in text.split("\n\n"):
            found = re.search(r"file = \w+/(\S+)", block)
            pred = re.search(r"^pred = (\d+),", block, re.M)
            if found and pred:
                eth_pairs.setdefault((found[1], int(pred[1])), set()).add(kind)
                if kind == "non_prototypical":
                    non_prototypical.add(found[1])
    clusters = json.loads(
        (mirror / "flaws-of-imagenet/classes/problem_groups/clusters.json").read_text()
    )
    groups = {
        int(c): ({int(x) for x in g["classes"]}, set(g["category"]))
        for g in clusters
        for c in g["classes"]
    }
    ancestors = wordnet_ancestors(mirror)
    sizes: dict[str, int] = {}
    for wnid in wnids:
        for ancestor in ancestors[wnid]:
            sizes[ancestor] = sizes.get(ancestor, 0) + 1
    return Evidence(world, wnids, ancestors, sizes, eth_pairs, non_prototypical, groups,
                    real_questions(mirror))  # fmt: skip


def verdict(image: str, predicted: int, e: Evidence) -> tuple[str, str | None, str, str | None]:
    """(category, its rule, severity, its rule) of one mistake: the rules of rules/, in
    their order, written out per mistake."""
    number = int(image[15:23])
    correct = e.world.multi[image].correct
    labels = (correct | {e.world.original[image]}) - {predicted}
    up = e.ancestors[e.wnids[predicted]]
    shared = [
        (max(up[a], d), e.sizes[a])
        for label in labels
        for a, d in e.ancestors[e.wnids[label]].items()
        if a in up
    ]
    group = e.groups.get(predicted)
    kinds = [group[1] for label in labels if group and label in group[0]]
    eth = e.eth_pairs.get((image, predicted), set())
    score = e.real.get((number, predicted), (None, []))[0]
    category_rules = [
        ("eth_non_prototypical", "non-prototypical", image in e.eth_non_prototypical),
        ("problem_group_co_occur", "spurious-correlation",
         any(6 in k and not k & {2, 3, 5} for k in kinds)),
        ("eth_same_superclass", "fine-grained", "fg" in eth),
        ("wordnet_near", "fine-grained", any(s <= 3 and n <= 120 for s, n in shared)),
        ("problem_group_similar", "fine-grained", any(k & {2, 3, 5} for k in kinds)),
        ("eth_out_of_vocabulary", "fine-grained-oov", "oov" in eth),
        ("eth_co_occurrence", "spurious-correlation", "co_occurrence" in eth),
        ("real_rejected", "spurious-correlation", score is not None and score < 0.005),
        ("wordnet_far", "fine-grained-oov", bool(shared) and min(s for s, _ in shared) >= 5),
    ]  # fmt: skip
    rule, category = next(
        ((r, c) for r, c, fired in category_rules if fired), (None, "unexplained")
    )
    severity_rules = [
        ("real_plausible", "minor", score is not None and score >= 0.1),
        ("spurious_major", "major", category == "spurious-correlation"),
        ("crowded_scene", "major", len(correct) >= 3),
    ]
    severity_rule, severity = next(
        ((r, s) for r, s, fired in severity_rules if fired), (None, "minor")
    )
    return category, rule, severity, severity_rule
