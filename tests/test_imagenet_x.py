"""ImageNet-X (Idrissi et al. 2023): its annotations as loaded, checked against the package's
files read here with the json and csv modules; the zoo models with the testbed's weights
reproducing its published per-factor accuracies exactly; the factor views worked out in
plain Python."""

from __future__ import annotations

import csv
import importlib.util
import json
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
import pytest

from imagenet_mistakes import Database
from imagenet_mistakes.errors import SourceFormatError
from imagenet_mistakes.loaders import imagenet_x
from tests.synthetic import image, original_class_ids

RESULTS = (
    "imagenetx/results/val/{selection}_factor/imagenet_testbed/{reading}/accuracies_per_factor.csv"
)


def annotations_folder() -> Path:
    spec = importlib.util.find_spec("imagenet_x")
    assert spec is not None and spec.submodule_search_locations
    return Path(spec.submodule_search_locations[0]) / "annotations"


def factors(selection: str) -> dict[int, set[str]]:
    """Each annotated image's factors in the package's file, read line by line."""
    found = {}
    path = annotations_folder() / f"imagenet_x_val_{selection}_factor.jsonl"
    with path.open() as f:
        for line in f:
            row = json.loads(line)
            number = int(row["file_name"][15:23])
            found[number] = {factor for factor in imagenet_x.FACTORS if row[factor] == 1}
    return found


def prototypes() -> set[int]:
    with (annotations_folder() / "prototypical_paths.csv").open(newline="") as f:
        return {int(row["file_name"][15:23]) for row in csv.DictReader(f)}


def test_the_factors_are_the_package_files_read_plainly(real_db: Path) -> None:
    multi, top = factors("multi"), factors("top")
    expected = {
        (number, factor, factor in top[number])
        for number, found in multi.items()
        for factor in found
    }
    with Database.open(real_db) as db:
        rows = set(db.sql("select image_number, factor, top from image_factors").rows)
        images = db.sql(
            "select count(*), count(*) filter (where prototypical) from imagenet_x_images"
        ).rows
    assert rows == expected
    assert images == [(48_868, len(prototypes() & set(multi)))]
    assert images[0][1] == 2_758


@pytest.mark.parametrize("selection", ["top", "multi"])
@pytest.mark.parametrize("reading", ["class", "real_class", "metaclass"])
def test_zoo_models_with_the_testbeds_weights_reproduce_imagenet_xs_accuracies(
    real_zoo_db: Path, real_mirror: Path, selection: str, reading: str
) -> None:
    """Every factor's accuracy and the average, equal to the last digit to those ImageNet-X
    published for the same weights (aggregate.py's output, read with the csv module)."""
    path = real_mirror / RESULTS.format(selection=selection, reading=reading)
    with path.open(newline="") as f:
        published = {row["model"]: row for row in csv.DictReader(f)}
    with Database.open(real_zoo_db) as db:
        pairs = db.sql(
            "select model, published_model from crosswalk "
            "where source = 'testbed' and verdict = 'same weights'"
        ).rows
        found = db.sql(
            "select model, factor, accuracy, average_accuracy from factor_accuracy "
            f"where selection = '{selection}' and reading = '{reading}'"
        ).rows
    ours: dict[str, dict[str, float]] = defaultdict(dict)
    for model, factor, accuracy, average in found:
        ours[model][factor] = accuracy
        ours[model]["average"] = average
    compared = 0
    for model, testbed_name in pairs:
        if testbed_name not in published:
            continue
        row = published[testbed_name]
        expected = {column: float(row[column]) for column in (*imagenet_x.FACTORS, "average")}
        assert ours[model] == expected, model
        compared += 1
    assert compared == 44


@pytest.mark.parametrize(
    ("stored", "live"),
    [
        ("factor_counts_snapshot", "factor_counts_live"),
        ("metaclass_counts_snapshot", "metaclass_counts_live"),
        (
            "mistake_factor_counts_snapshot",
            "mistake_factor_counts_live where evaluated_from = 'predictions'",
        ),
    ],
)
def test_the_stored_counts_are_those_counted_afresh(
    real_zoo_db: Path, stored: str, live: str
) -> None:
    """add-model stores each model's counts, which the factor and metaclass views
    read; counted afresh from the predictions, they are the same."""
    with Database.open(real_zoo_db) as db:
        columns = ", ".join(db.sql(f"select * from {stored} limit 0").columns)
        kept = db.sql(f"select * from {stored} order by all").rows
        counted = db.sql(f"select {columns} from {live} order by all").rows
    assert kept == counted
    assert len({row[0] for row in kept}) == 67


def test_mistake_factors_count_the_categorised_mistakes_by_factor(real_db: Path) -> None:
    multi, top, left_out = factors("multi"), factors("top"), prototypes()
    with Database.open(real_db) as db:
        mistakes = db.sql(
            "select image_number, manual_category from model_mistakes where model = 'vit3b'"
        ).rows
        found = db.sql(
            "select manual_category, factor, mistakes, top_factor_mistakes, category_mistakes "
            "from mistake_factors where model = 'vit3b'"
        ).rows
    scored = [(n, category) for n, category in mistakes if n in multi and n not in left_out]
    totals = Counter(category for _, category in scored)
    by_factor = Counter((category, f) for n, category in scored for f in multi[n])
    on_top = Counter((category, f) for n, category in scored for f in top[n])
    expected = {
        (category, factor, count, on_top[category, factor], totals[category])
        for (category, factor), count in by_factor.items()
    }
    assert set(found) == expected
    assert sum(totals.values()) == 367  # of ViT-3B's 378, those ImageNet-X scores


def test_overrepresented_factors_pool_the_other_models_mistakes(real_zoo_db: Path) -> None:
    multi, left_out = factors("multi"), prototypes()
    with Database.open(real_zoo_db) as db:
        mistakes = db.sql("select model, image_number from model_mistakes").rows
        found = db.sql(
            "select factor, mistakes, all_mistakes, share, others_share, over_representation "
            "from mistake_factor_shares where model = 'resnet50'"
        ).rows
    scored = [(m, n) for m, n in mistakes if n in multi and n not in left_out]
    own = [n for m, n in scored if m == "resnet50"]
    others = [n for m, n in scored if m != "resnet50"]
    own_counts = Counter(f for n in own for f in multi[n])
    other_counts = Counter(f for n in others for f in multi[n])
    # Every factor, those none of its mistakes show at 0.
    assert len(found) == len(imagenet_x.FACTORS)
    for factor, count, total, share, others_share, ratio in found:
        assert (count, total) == (own_counts[factor], len(own))
        assert share == pytest.approx(count / total, rel=1e-12)
        assert others_share == pytest.approx(other_counts[factor] / len(others), rel=1e-12)
        assert ratio == pytest.approx(share / others_share, rel=1e-12)


def test_imagenet_xs_published_results_are_every_cell(real_db: Path, real_mirror: Path) -> None:
    path = real_mirror / RESULTS.format(selection="top", reading="real_class")
    with path.open(newline="") as f:
        published = list(csv.DictReader(f))
    with Database.open(real_db) as db:
        found = db.sql(
            "select model, metric, value from published_results where source = 'imagenet_x' "
            "and benchmark = 'imagenet-x-top-factor' and metric like 'real_class_%' "
            "and starts_with(model, 'imagenet_testbed--')"
        ).rows
        models = db.sql("select count(*) from published_models where source = 'imagenet_x'").rows
        humans = db.sql(
            "select model from published_models where source = 'imagenet_x' "
            "and split_part(model, '--', 2) = 'human' order by model"
        ).rows
    expected = {
        (f"imagenet_testbed--{row['model']}", f"real_class_{column}", float(value))
        for row in published
        for column, value in row.items()
        if column != "model"
    }
    assert set(found) == expected
    assert len(published) == 336  # the testbed's 335 models and ImageNet-X's "human"
    assert models == [(336 + 55 + 5,)]
    # So 393 models and 3 rows of human raters (docs/analysis.md).
    assert humans == [("base--human",), ("imagenet_testbed--human",), ("modelvshuman--human",)]


def write_lines(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    return path


def annotation(number: int, label: int, **factors: int) -> dict[str, object]:
    row: dict[str, object] = {"file_name": image(number), "class": label}
    row |= {factor: factors.get(factor, 0) for factor in imagenet_x.FACTORS}
    return row | {"justification": "synthetic", "one_word": None}


def test_a_damaged_annotation_file_is_one_line_naming_it(tmp_path: Path) -> None:
    original = np.array(original_class_ids())
    label = int(original[0])
    cases: list[tuple[list[dict[str, object]], str]] = [
        ([annotation(1, (label + 1) % 1000)], "class"),
        ([annotation(1, label, pose=2)], "pose: values other than 0 and 1"),
        ([annotation(1, label), annotation(1, label)], "an image appears twice"),
        ([{"file_name": image(1)}], "missing keys"),
        ([annotation(1, label), annotation(2, label) | {"class": None}], "a line without class"),
    ]
    for rows, problem in cases:
        path = write_lines(tmp_path / "x.jsonl", rows)
        with pytest.raises(SourceFormatError, match=problem):
            imagenet_x.read_annotations(path, original)
    garbage = tmp_path / "garbage.jsonl"
    garbage.write_bytes(b"\x00\xff{not json")
    with pytest.raises(SourceFormatError, match="unreadable JSON lines"):
        imagenet_x.read_annotations(garbage, original)
    multi = imagenet_x.read_annotations(
        write_lines(tmp_path / "m.jsonl", [annotation(1, label, pose=1)]), original
    )
    top = imagenet_x.read_annotations(
        write_lines(tmp_path / "t.jsonl", [annotation(1, label, color=1)]), original
    )
    with pytest.raises(SourceFormatError, match="color: a top factor the multi-factor file"):
        imagenet_x.factor_rows(multi, top, tmp_path / "t.jsonl")
