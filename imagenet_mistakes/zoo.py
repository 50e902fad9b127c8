"""Model zoos: published predictions of many models, added by name.

`imagenetv2` is the testbed of Recht et al. 2019: 67 classic models whose
top-5 predictions on the validation set are in the ImageNetV2 repository,
and whose predictions were annotated to make the multi-label set.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from imagenet_mistakes.errors import BadArgument, SourceUnavailable, shown
from imagenet_mistakes.loaders import order
from imagenet_mistakes.predictions import Predictions, from_top_k
from imagenet_mistakes.sources import LocalFile, Source, fetch, manifest

ZOOS = ("imagenetv2",)
_PREDICTIONS = "imagenetv2/data/predictions/imagenet-validation-original"
_URL = "https://raw.githubusercontent.com/modestyachts/ImageNetV2/master/data/predictions/imagenet-validation-original"


def sources(zoo: str) -> dict[str, Source]:
    """Each model of the zoo with where its predictions come from."""
    if zoo not in ZOOS:
        raise BadArgument.not_among(f"ZOO {shown(zoo)}", zoo, ZOOS, f"a zoo ({', '.join(ZOOS)})")
    text = (resources.files("imagenet_mistakes") / "data" / "imagenetv2_zoo.csv").read_text()
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    return {
        row["model"]: Source(
            id=f"imagenetv2/{row['model']}",
            description=f"Top-5 predictions of {row['model']} (ImageNetV2 testbed)",
            licence="MIT",
            citation="Recht et al., Do ImageNet Classifiers Generalize to ImageNet? ICML 2019",
            url=f"{_URL}/{row['model']}.npy",
            mirror_path=f"{_PREDICTIONS}/{row['model']}.npy",
            sha256=row["sha256"],
            size=int(row["size"]),
        )
        for row in rows
    }


def batch(
    zoo: str, names: list[str] | None, *, source_dir: Path | None, cache_dir: Path
) -> Iterator[tuple[str, Predictions, str, str]]:
    """Fetch and read the predictions of the named models of the zoo (all when `names` is
    None), as `Database.add_models` takes them: (name, predictions, where they were read
    from, description).

    A generator, so the caller can show progress; every name is checked first.
    """
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
    order_file = fetch(
        manifest()["imagenetv2_validation_order"], source_dir=source_dir, cache_dir=cache_dir
    )
    rows = order.load(order_file.path)
    for name in sorted(models) if names is None else names:
        local = fetch(models[name], source_dir=source_dir, cache_dir=cache_dir, progressbar=False)
        yield name, from_top_k(local.path, order=rows), local.location, f"{zoo} testbed"


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
