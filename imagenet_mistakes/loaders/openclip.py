"""OpenCLIP's zero-shot results (`docs/openclip_classification_results.csv`).

A row per model, named by OpenCLIP's pair `name, pretrained` (`ViT-B-32`,
`laion2b_s34b_b79k`); `params (M)` in millions; then a column per dataset,
top-1 as a fraction to 4 decimals: `ImageNet 1k`, ImageNet's variants (`ImageNet
v2`, `ImageNet-A`, ...) and ~30 other datasets, which are not read. Every model
classifies zero-shot: a text prompt per class, never trained on ImageNet's labels.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from imagenet_mistakes.errors import SourceFormatError
from imagenet_mistakes.loaders.published import (
    MODELS_SCHEMA,
    ZERO_SHOT,
    parameters,
    read_csv,
    results_table,
)
from imagenet_mistakes.loaders.validate import NUM_VALIDATION_IMAGES

SOURCE = "openclip"
IMAGENET = "ImageNet 1k"
PARAMETERS = "params (M)"


def load(path: Path, variants: dict[str, str]) -> dict[str, pa.Table]:
    """OpenCLIP's rows of `published_models` and `published_results`: top-1 on ImageNet and
    on each variant, `variants` mapping a benchmark id to the column that holds it."""
    table = read_csv(
        path,
        ["name", "pretrained", PARAMETERS, IMAGENET, *variants.values()],
        {"name": pa.string(), "pretrained": pa.string()},
    )
    # timm's way of naming weights, architecture.tag, which the crosswalk reads.
    models = pc.binary_join_element_wise(table["name"], table["pretrained"], ".")
    if len(set(models.to_pylist())) != table.num_rows:
        raise SourceFormatError(path, "a name and pretrained tag is listed twice")
    results = [
        results_table(path, SOURCE, "imagenet", models, {"top1": table[IMAGENET]},
                      images=NUM_VALIDATION_IMAGES),
        *(results_table(path, SOURCE, benchmark, models, {"top1": table[column]})
          for benchmark, column in variants.items()),
    ]  # fmt: skip
    return {
        "published_models": _models(path, table, models),
        "published_results": pa.concat_tables(results),
    }


def _models(path: Path, table: pa.Table, models: pa.ChunkedArray) -> pa.Table:
    """Rows of `published_models`: architecture, parameters, pretraining data, zero-shot."""
    count = table.num_rows
    return pa.table(
        {
            "source": [SOURCE] * count,
            "model": models,
            "architecture": table["name"],
            "parameters": parameters(path, table[PARAMETERS], PARAMETERS),
            "training_data": table["pretrained"],
            "image_size": pa.nulls(count, pa.int32()),
            "family": [ZERO_SHOT] * count,
        },
        schema=MODELS_SCHEMA,
    )
