"""ImageNet-X's published per-factor accuracies (Idrissi et al. 2023).

`results/val/{top,multi}_factor/{group}/{reading}/accuracies_per_factor.csv`,
written by the upstream `imagenet_x/aggregate.py`: a row per model (`model`),
a column per factor (16) with the accuracy on the non-prototypical images
showing it, `worst_factor` (the lowest of those), `average` (the accuracy on
all of them) and `worst_100_classes`, as fractions. `group` is the set of
models (imagenet_testbed: the testbed's names; modelvshuman; base), `reading`
what counts as right: the original label (class), a ReaL label (real_class;
an image without ReaL labels counts wrong), or the label's metaclass.

Each becomes rows of `published_results`: source imagenet_x, model
`<group>--<name>` (the groups repeat names), benchmark
`imagenet-x-<top|multi>-factor`, metric `<reading>_<column>`.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from imagenet_mistakes.errors import SourceFormatError
from imagenet_mistakes.loaders.imagenet_x import FACTORS
from imagenet_mistakes.loaders.published import named_models, read_csv, results_table

SOURCE = "imagenet_x"
SELECTIONS = ("top", "multi")
GROUPS = ("imagenet_testbed", "modelvshuman", "base")
READINGS = ("class", "real_class", "metaclass")
COLUMNS = (*FACTORS, "worst_factor", "average", "worst_100_classes")


def source_id(selection: str, group: str, reading: str) -> str:
    return f"imagenet_x_results_{selection}_{group}_{reading}"


def load(path: Path, selection: str, group: str, reading: str) -> dict[str, pa.Table]:
    """The file's rows of `published_results`; of `published_models` too for the file that
    names every model of the group (top factor, real_class: it adds `human`)."""
    table = read_csv(path, ["model", *COLUMNS])
    if table["model"].null_count:
        raise SourceFormatError(path, "a row without a model")
    if len(set(table["model"].to_pylist())) != table.num_rows:
        raise SourceFormatError(path, "a model listed twice")
    models = pc.binary_join_element_wise(group, table["model"], "--")
    tables = {
        "published_results": results_table(
            path,
            SOURCE,
            f"imagenet-x-{selection}-factor",
            models,
            {f"{reading}_{column}": table[column] for column in COLUMNS},
        )
    }
    if (selection, reading) == ("top", "real_class"):
        tables["published_models"] = named_models(SOURCE, models)
    return tables
