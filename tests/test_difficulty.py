"""Image difficulty: ETH's common-error lists as published, and how many of this file's models
get each image wrong, worked out here from the stored top-1s and labels in plain Python."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path

import duckdb
import pytest

from imagenet_mistakes import Database, label_sets
from imagenet_mistakes.loaders import eth_common_errors
from tests.commands import invoke

ETH_LISTS = "automated-error-analysis/common_error_samples"


def test_eths_lists_are_every_block_with_its_count(
    real_con: duckdb.DuckDBPyConnection, real_mirror: Path
) -> None:
    expected = set()
    for key, error_type in eth_common_errors.ERROR_TYPES.items():
        text = (real_mirror / ETH_LISTS / f"most_common_{key}.txt").read_text()
        heads = re.findall(r"cnt mistakes = (\d+), file = \w+/ILSVRC2012_val_(\d+)\.JPEG", text)
        predictions = re.findall(r"^pred = (\d+),", text, re.M)
        assert len(heads) == len(predictions) > 0
        for (count, number), predicted in zip(heads, predictions, strict=True):
            expected.add((error_type, int(number), int(predicted), int(count)))
    stored = real_con.execute(
        "select error_type, image_number, predicted_class, models_wrong "
        "from published_image_errors where source = 'eth'"
    ).fetchall()
    assert len(stored) == len(expected) == 4_731
    assert set(stored) == expected
    # 4,731 entries over 3,937 images: an image may be in more than one list (docs/analysis.md).
    assert len({number for _, number, _, _ in expected}) == 3_937
    # Every listed target is the image's original label, and no count passes ETH's 962 models.
    assert real_con.execute(
        "select count(*) filter (where original_class <> images.label), max(models_wrong) "
        "from published_image_errors inner join images using (image_number)"
    ).fetchone() == (0, 962)


@pytest.fixture(scope="module")
def wrong_per_image(small_zoo_db: Path) -> dict[str, dict[int, set[str]]]:
    """For the original labels and the multi-label set: which models get each scored image
    wrong, from each model's top-1 and the image's correct and unclear labels."""
    with duckdb.connect(str(small_zoo_db), read_only=True) as con:
        top1 = con.execute("select model, image_number, classes[1] from predictions").fetchall()
        accepted: dict[str, defaultdict[int, set[int]]] = {
            name: defaultdict(set) for name in ("original", "multilabel_v3")
        }
        for label_set, number, class_id in con.execute(
            "select label_set, image_number, class_id from image_labels "
            "where label_set in ('original', 'multilabel_v3') "
            "and verdict in ('correct', 'unclear')"
        ).fetchall():
            accepted[label_set][number].add(class_id)
        # The multi-label set scores the annotated images that are not problematic.
        scored = {
            "original": set(accepted["original"]),
            "multilabel_v3": {
                n
                for (n,) in con.execute(
                    "select image_number from image_flags "
                    "where multilabel_annotated and not problematic"
                ).fetchall()
            },
        }
    wrong: dict[str, dict[int, set[str]]] = {name: {} for name in accepted}
    for label_set, images in scored.items():
        for model, number, predicted in top1:
            if number in images:
                models = wrong[label_set].setdefault(number, set())
                if predicted not in accepted[label_set][number]:
                    models.add(model)
    return wrong


@pytest.mark.parametrize("label_set", ["original", "multilabel_v3"])
def test_image_difficulty_counts_the_models_wrong(
    small_zoo_db: Path, wrong_per_image: dict[str, dict[int, set[str]]], label_set: str
) -> None:
    with Database.open(small_zoo_db) as db:
        stored = db.sql(
            "select image_number, models, models_wrong from image_difficulty "
            f"where label_set = '{label_set}'"
        ).rows
    expected = wrong_per_image[label_set]
    assert len(stored) == len(expected) == (50_000 if label_set == "original" else 18_692)
    assert {number: (models, wrong) for number, models, wrong in stored} == {
        number: (3, len(models)) for number, models in expected.items()
    }


def test_distinctive_and_shared_mistakes(
    small_zoo_db: Path, wrong_per_image: dict[str, dict[int, set[str]]]
) -> None:
    wrong = wrong_per_image["multilabel_v3"]
    mine = {n for n, models in wrong.items() if "resnet50" in models}
    # Of the two other models, at least 90% right means both; at least 90% wrong, both.
    others = Counter({n: len(wrong[n] - {"resnet50"}) for n in mine})
    name = "ILSVRC2012_val_{:08d}.JPEG".format
    with Database.open(small_zoo_db) as db:
        distinctive = db.query("distinctive_mistakes", {"model": "resnet50"}).records()
        shared = db.query("shared_mistakes", {"model": "resnet50"}).records()
        hardest = db.query("hardest_images", {"limit": "5"}).records()
    assert {row["file_name"] for row in distinctive} == {name(n) for n in mine if others[n] == 0}
    assert {row["file_name"] for row in shared} == {name(n) for n in mine if others[n] == 2}
    assert all(row["others"] == 2 for row in distinctive + shared)
    assert len(hardest) == 5 and all(row["share_wrong"] == 1.0 for row in hardest)
    # What every label set but the original says of each image's original label, as
    # label_agreement says it.
    judges = [s.name for s in label_sets.definitions() if s.name != "original"]
    with Database.open(small_zoo_db) as db:
        agreement = {row["file_name"]: row for row in db.sql("from label_agreement").records()}
    for row in hardest + shared:
        said = {k.removeprefix("original_label_"): v for k, v in row.items()
                if k.startswith("original_label_")}  # fmt: skip
        assert said == {name: agreement[row["file_name"]][name] for name in judges}
        assert row["wrong_by"] == [name for name in judges if said[name] == "wrong"]


def test_removing_a_model_takes_it_off_every_count(small_zoo_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.duckdb"
    db.write_bytes(small_zoo_db.read_bytes())
    code, _, stderr = invoke("remove-model", "vgg16", "--db", db)
    assert code == 0, stderr
    with Database.open(db) as database:
        stored = database.sql("select * from image_difficulty_snapshot order by all").rows
        counted = database.sql("select * from image_difficulty_live order by all").rows
        assert stored == counted
        assert database.sql("select max(models) from image_difficulty_snapshot").rows == [(2,)]
        assert database.query("integrity").rows == []
