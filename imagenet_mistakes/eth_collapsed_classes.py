"""ETH's collapsed class mappings: a prediction of `also_correct` for an image of `class_id`
is not an error to them (Peychev et al. 2023).

The pairs are ETH's `dough_bagel_collapsed_class_definitions()` in
eth-sri/automated-error-analysis `src/utils.py` at commit d32916d2 (Apache-2.0),
written out as data in `data/eth_collapsed_classes.csv`: class names that
mean the same thing (sunglass and sunglasses, notebook and laptop) or a class
inside another (every Siberian husky is an Eskimo dog). `build` stores them
in the table of the same name.
"""

from __future__ import annotations

from importlib import resources

import pyarrow as pa
import pyarrow.csv as pa_csv


def rows() -> pa.Table:
    """The pairs, as the `eth_collapsed_classes` table holds them."""
    with (resources.files("imagenet_mistakes") / "data" / "eth_collapsed_classes.csv").open(
        "rb"
    ) as f:
        return pa_csv.read_csv(
            f,
            convert_options=pa_csv.ConvertOptions(
                column_types={"class_id": pa.int32(), "also_correct": pa.int32()}
            ),
        )
