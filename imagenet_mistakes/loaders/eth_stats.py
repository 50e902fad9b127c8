"""ETH's automated error analysis (Peychev et al., NeurIPS 2023): per-model statistics.

`stats-imagenet/non_problematic_stats_<group>.csv`: a row per model
(`model_dir_id` is `source--name`, e.g. `timm--convnext_base.fb_in1k`) over
the 18,692 non-problematic multi-label images, or the organism, artifact or
other subset of them (`<group>`). Percentages: `top1_val_acc` (all 50,000
images), `mla_all` (multi-label accuracy averaged per class, as our `mla`),
`mla_group` (the same over the group), `mla_all_minor_error`,
`mla_all_explainable_error`; counts: `num_all_top1_errors` and each error
type of their pipeline (`num_collapsed_mappings`, ...), `num_imagenet-m_errors`
of `num_all_imagenet-m_samples` (68). Their definitions are in the upstream
src/evaluation.py.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from imagenet_mistakes.errors import SourceFormatError
from imagenet_mistakes.loaders.published import (
    MODELS_SCHEMA,
    TRAINED,
    read_csv,
    results_table,
)
from imagenet_mistakes.loaders.validate import NUM_VALIDATION_IMAGES

SOURCE = "eth"
# ETH's error types, counted over the group's top-1 mistakes, as metric ids.
ERROR_TYPES = {
    "num_all_top1_errors": "eth_top1_errors",
    "num_collapsed_mappings": "eth_collapsed_mappings",
    "num_ambiguous": "eth_ambiguous",
    "num_same_superclass": "eth_same_superclass",
    "num_common_co_occ": "eth_common_co_occurrence",
    "num_non_prototypical": "eth_non_prototypical",
    "num_OOV_clip": "eth_out_of_vocabulary",
    "num_not_classified": "eth_not_classified",
}
GROUPS = ("all", "artifact", "organism", "other")


# The columns read, of the 31.
COLUMNS = {
    "model_dir_id", "num_params", "training_data", "arch", "mla_all", "mla_group",
    "top1_val_acc", "num_group_samples", "num_group_correct", "num_imagenet-m_errors",
    "num_all_imagenet-m_samples", "mla_all_minor_error", "mla_all_explainable_error",
    *ERROR_TYPES,
}  # fmt: skip


def load(path: Path, group: str) -> dict[str, pa.Table]:
    """The file's rows of `published_results`, and for `all` of `published_models` (every
    group lists the same models), read once."""
    table = read_csv(path, COLUMNS)
    tables = {"published_results": _results(path, table, group)}
    if group == "all":
        tables["published_models"] = _models(table)
    return tables


def _only(path: Path, table: pa.Table, column: str) -> int:
    """The one value a column holds in every row (the image counts)."""
    values = pc.unique(table[column]).to_pylist()
    if len(values) != 1:
        raise SourceFormatError(path, f"{column} differs between rows: {values[:5]}")
    return int(values[0])


def _results(path: Path, table: pa.Table, group: str) -> pa.Table:
    """Rows of `published_results`: for `all`, every metric over the 18,692 images (and top-1
    over 50,000); for a subset, its multi-label and top-1 accuracy."""
    models = table["model_dir_id"]
    group_images = _only(path, table, "num_group_samples")
    top1_group = pc.divide(pc.cast(table["num_group_correct"], pa.float64()), float(group_images))
    if group != "all":
        benchmark = f"imagenet-multilabel-{group}"
        metrics = {"mla": table["mla_group"]}
        return pa.concat_tables(
            [
                results_table(
                    path, SOURCE, benchmark, models, metrics, percent=True, images=group_images
                ),
                results_table(
                    path, SOURCE, benchmark, models, {"top1": top1_group}, images=group_images
                ),
            ]
        )
    imagenet_m = _only(path, table, "num_all_imagenet-m_samples")
    correct_m = pc.subtract(imagenet_m, table["num_imagenet-m_errors"])
    return pa.concat_tables(
        [
            results_table(path, SOURCE, "imagenet", models, {"top1": table["top1_val_acc"]},
                          percent=True, images=NUM_VALIDATION_IMAGES),  # every image
            results_table(
                path, SOURCE, "imagenet", models,
                {
                    "mla": table["mla_all"],
                    "eth_mla_minor_errors_correct": table["mla_all_minor_error"],
                    "eth_mla_explainable_errors_correct": table["mla_all_explainable_error"],
                },
                percent=True, images=group_images,
            ),
            results_table(
                path, SOURCE, "imagenet", models,
                {"top1_multilabel_images": top1_group,
                 **{metric: table[column] for column, metric in ERROR_TYPES.items()}},
                images=group_images,
            ),
            results_table(path, SOURCE, "imagenet", models, {"imagenet_m_correct": correct_m},
                          images=imagenet_m),
        ]
    )  # fmt: skip


def _models(table: pa.Table) -> pa.Table:
    """Rows of `published_models`: every model of the statistics, with its training data."""
    return pa.table(
        {
            "source": [SOURCE] * table.num_rows,
            "model": table["model_dir_id"],
            "architecture": table["arch"],
            "parameters": pc.cast(table["num_params"], pa.int64()),
            "training_data": table["training_data"],
            "image_size": pa.nulls(table.num_rows, pa.int32()),
            "family": [TRAINED] * table.num_rows,
        },
        schema=MODELS_SCHEMA,
    )
