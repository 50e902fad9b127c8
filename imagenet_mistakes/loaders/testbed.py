"""The imagenet-testbed's results (Taori et al. 2020): `robustness_top1s.csv`.

A row per model (`model`, the testbed's names: `resnet50`, `vgg16`, ...), a
column per evaluation setting (213: `val`, `imagenetv2-matched-frequency`,
`imagenet-c.brightness.1_in-memory`, ...), top-1 in percent, empty where the
model was not evaluated.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from imagenet_mistakes.loaders.published import (
    TRAINED,
    ZERO_SHOT,
    named_models,
    read_csv,
    results_table,
)
from imagenet_mistakes.loaders.validate import NUM_VALIDATION_IMAGES

SOURCE = "testbed"
# The testbed's name for the validation images; the benchmark is ours.
VALIDATION = "val"
ZERO_SHOT_SUFFIX = "_zeroshot"


def load(path: Path) -> dict[str, pa.Table]:
    """The testbed's rows of `published_models` and `published_results`, read once."""
    table = read_csv(path, ["model", VALIDATION])
    return {"published_models": _models(table), "published_results": _results(path, table)}


def _results(path: Path, table: pa.Table) -> pa.Table:
    """Rows of `published_results`: every model's top-1 in every setting it was evaluated in."""
    settings = [name for name in table.column_names if name != "model"]
    return pa.concat_tables(
        results_table(
            path,
            SOURCE,
            "imagenet" if setting == VALIDATION else setting,
            table["model"],
            {"top1": table[setting]},
            percent=True,
            images=NUM_VALIDATION_IMAGES if setting == VALIDATION else None,
        )
        for setting in settings
    )


def _models(table: pa.Table) -> pa.Table:
    """Rows of `published_models`: the testbed's models, by name alone; the name says which
    classify zero-shot (`resnet50_clip_zeroshot`)."""
    names = table["model"].to_pylist()
    family = [ZERO_SHOT if name.endswith(ZERO_SHOT_SUFFIX) else TRAINED for name in names]
    return named_models(SOURCE, table["model"], pa.array(family, pa.string()))
