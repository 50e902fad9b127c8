"""timm's published results (pytorch-image-models `results/`): one CSV per benchmark.

Each `results-<benchmark>.csv` has a row per model: `model, img_size, top1,
top1_err, top5, top5_err, param_count, crop_pct, interpolation` (percentages;
`param_count` in millions, with thousands separators), the shifted sets also
`top1_diff, top5_diff, rank_diff`. Model names are timm's,
`architecture.pretrained_tag`; the tag names the weights' training (`a1_in1k`,
`fb_in22k_ft_in1k`, `laion2b_ft_in12k_in1k`), so it is their training data.

Not read: `model_metadata-in1k.csv`, whose `model, pretrain` rows name
architectures (`resnet50,in1k`), not weights: given to every tag of an
architecture it would call resnet50.fb_swsl_ig1b_ft_in1k an in1k model.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from imagenet_mistakes.loaders.published import (
    MODELS_SCHEMA,
    TRAINED,
    parameters,
    read_csv,
    results_table,
)
from imagenet_mistakes.loaders.validate import NUM_VALIDATION_IMAGES

SOURCE = "timm"
# What each results file measures: (benchmark, metric of its top1, of its top5,
# images counted where known). On the validation images the metrics are our
# own metric ids; elsewhere top1/top5 of that set.
FILES = {
    "imagenet": ("imagenet", "top1", "top5", NUM_VALIDATION_IMAGES),
    "imagenet-real": ("imagenet", "real", "real_top5", None),
    "imagenetv2-matched-frequency": ("imagenetv2-matched-frequency", "top1", "top5", None),
    "sketch": ("imagenet-sketch", "top1", "top5", None),
    "imagenet-a": ("imagenet-a", "top1", "top5", None),
    "imagenet-r": ("imagenet-r", "top1", "top5", None),
    "imagenet-a-clean": ("imagenet-a-clean", "top1", "top5", None),
    "imagenet-r-clean": ("imagenet-r-clean", "top1", "top5", None),
}


def load(path: Path, benchmark_file: str) -> dict[str, pa.Table]:
    """The file's rows of `published_results`, and of `published_models` for the ImageNet file
    (every model has a result there), read once."""
    table = read_csv(
        path, ["model", "img_size", "top1", "top5", "param_count"], {"param_count": pa.string()}
    )
    tables = {"published_results": _results(path, table, benchmark_file)}
    if benchmark_file == "imagenet":
        tables["published_models"] = _models(path, table)
    return tables


def _results(path: Path, table: pa.Table, benchmark_file: str) -> pa.Table:
    """Rows of `published_results`: top-1 and top-5 of every model, as fractions."""
    benchmark, top1, top5, images = FILES[benchmark_file]
    metrics = {top1: table["top1"], top5: table["top5"]}
    return results_table(
        path,
        SOURCE,
        benchmark,
        table["model"],
        metrics,
        percent=True,
        images=images,
        image_sizes=table["img_size"],
    )


def _models(path: Path, table: pa.Table) -> pa.Table:
    """Rows of `published_models`: every model and resolution of the ImageNet results."""
    names = table["model"].to_pylist()
    # Thousands separators: "1,024.50".
    millions = pc.replace_substring(table["param_count"], ",", "")
    architecture, tag = zip(*(name.partition(".")[::2] for name in names), strict=True)
    return pa.table(
        {
            "source": [SOURCE] * len(names),
            "model": names,
            "architecture": architecture,
            "parameters": parameters(path, millions, "param_count"),
            "training_data": [t or None for t in tag],
            "image_size": pc.cast(table["img_size"], pa.int32()),
            "family": [TRAINED] * len(names),
        },
        schema=MODELS_SCHEMA,
    )
