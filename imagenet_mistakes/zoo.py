"""Model zoos: published predictions of many models, added by name (`data/zoos.toml`).

`imagenetv2` is the testbed of Recht et al. 2019: 67 classic models whose
top-5 predictions on the validation set are in the ImageNetV2 repository,
and whose predictions were annotated to make the multi-label set.
`timm2022` holds 15 timm models of 2022 whose top-1 alone Shavit 2022
published; they are scored on everything the top-1 decides.
"""

from __future__ import annotations

import csv
import functools
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from imagenet_mistakes.errors import BadArgument, SourceUnavailable, shown
from imagenet_mistakes.loaders import order, top1_csv
from imagenet_mistakes.predictions import Predictions, from_top_k
from imagenet_mistakes.sources import LocalFile, Source, fetch, manifest


@dataclass(frozen=True)
class Zoo:
    """One entry of `data/zoos.toml`."""

    name: str
    title: str
    description: str
    citation: str
    licence: str
    url: str
    mirror_path: str
    format: str


@functools.cache
def zoos() -> dict[str, Zoo]:
    """The zoos, by name."""
    text = (resources.files("imagenet_mistakes") / "data" / "zoos.toml").read_text()
    return {name: Zoo(name, **entry) for name, entry in tomllib.loads(text).items()}


def get(zoo: str) -> Zoo:
    """A zoo by name, or a one-line error listing the zoos."""
    found = zoos()
    if zoo not in found:
        names = ", ".join(found)
        raise BadArgument.not_among(f"ZOO {shown(zoo)}", zoo, list(found), f"a zoo ({names})")
    return found[zoo]


def sources(zoo: str) -> dict[str, Source]:
    """Each model of the zoo with where its predictions come from."""
    entry = get(zoo)
    text = (resources.files("imagenet_mistakes") / "data" / f"{zoo}_zoo.csv").read_text()
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    return {
        row["model"]: Source(
            id=f"{zoo}/{row['model']}",
            description=f"Predictions of {row['model']} ({entry.title})",
            licence=entry.licence,
            citation=entry.citation,
            url=entry.url.format(file=row["file"]),
            mirror_path=entry.mirror_path.format(file=row["file"]),
            sha256=row["sha256"],
            size=int(row["size"]),
        )
        for row in rows
    }


def batch(
    zoo: str, names: list[str] | None, *, source_dir: Path | None, cache_dir: Path
) -> Iterator[tuple[str, Predictions, str, str | None]]:
    """Fetch and read the predictions of the named models of the zoo (all when `names` is
    None), as `Database.add_models` takes them: (name, predictions, where they were read
    from, description).

    A generator, so the caller can show progress; every name is checked first.
    """
    entry = get(zoo)
    models = sources(zoo)
    if names is not None and not names:  # `--models ,` meant some models, not all of them
        raise BadArgument(
            f"--models: names no model; give names separated by commas, or leave it out "
            f"for all {len(models)} of {zoo}"
        )
    unknown = sorted(set(names or ()) - set(models))
    if unknown:
        raise BadArgument.not_among(
            f"--models {shown(unknown[0])}", unknown[0], sorted(models), f"a model of {zoo}"
        )
    read = _reader(entry, source_dir=source_dir, cache_dir=cache_dir)
    for name in sorted(models) if names is None else names:
        local = fetch(models[name], source_dir=source_dir, cache_dir=cache_dir, progressbar=False)
        yield name, read(local.path), local.location, entry.title


def _reader(
    entry: Zoo, *, source_dir: Path | None, cache_dir: Path
) -> Callable[[Path], Predictions]:
    """How a file of the zoo becomes predictions, by its `format`."""
    if entry.format == "top1_csv":

        def top1(path: Path) -> Predictions:
            names, ids = top1_csv.load(path)
            return from_top_k(ids, order=names)

        return top1
    # top5_npy: rows in the testbed's order, read once for all its models.
    order_file = fetch(
        manifest()["imagenetv2_validation_order"], source_dir=source_dir, cache_dir=cache_dir
    )
    rows = order.load(order_file.path)
    return lambda path: from_top_k(path, order=rows)


def paper_logits(model: str, *, source_dir: Path | None, cache_dir: Path) -> LocalFile:
    """The logits the paper published for one of its models (vit3b, greedy_soups)."""
    by_model = {s.paper_model: s for s in manifest().values() if s.paper_model}
    if model not in by_model:
        raise BadArgument(f"--from-paper knows {', '.join(sorted(by_model))}, not {model!r}")
    try:
        return fetch(by_model[model], source_dir=source_dir, cache_dir=cache_dir)
    except SourceUnavailable as e:
        raise SourceUnavailable(
            f"{e}; the paper's multi-label figures for {model} are in model_metrics, "
            "derived from its mistakes"
        ) from e
