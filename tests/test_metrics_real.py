"""The metric views on the real mirror with the 67-model zoo, against tests/reference.py."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import duckdb
import pytest
from typer.testing import CliRunner

from imagenet_mistakes import zoo
from imagenet_mistakes.cli import app
from tests import reference

COLUMNS = [
    "top1", "top5", "real", "clean", "finegrained", "mla", "mla_micro", "mla_strict",
    "imagenet_m_correct", "imagenet_m_total",
    "images", "real_images", "mla_images", "mla_classes",
]  # fmt: skip


@pytest.fixture(scope="module")
def leaderboard(real_zoo_db: Path) -> dict[str, dict[str, Any]]:
    with duckdb.connect(str(real_zoo_db), read_only=True) as con:
        relation = con.execute(f"select model, {', '.join(COLUMNS)} from leaderboard")
        return {row[0]: dict(zip(COLUMNS, row[1:], strict=True)) for row in relation.fetchall()}


@pytest.fixture(scope="module")
def world(real_mirror: Path) -> reference.World:
    return reference.read_world(real_mirror)


@pytest.mark.parametrize("model", sorted(zoo.sources("imagenetv2")))
def test_every_metric_of_every_zoo_model_equals_the_reference(
    model: str,
    leaderboard: dict[str, dict[str, Any]],
    world: reference.World,
    real_mirror: Path,
) -> None:
    expected = reference.metrics(reference.zoo_predictions(real_mirror, model), world)
    assert_same(leaderboard[model], expected)


def test_resnet50_has_the_published_torchvision_accuracy(
    leaderboard: dict[str, dict[str, Any]],
) -> None:
    assert leaderboard["resnet50"]["top1"] == 38_065 / 50_000  # 76.130%
    assert leaderboard["resnet50"]["top5"] == 46_431 / 50_000  # 92.862%


@pytest.mark.parametrize("model", ["vit3b", "greedy_soups"])
def test_paper_models_accuracy_derived_from_their_mistakes(
    model: str,
    leaderboard: dict[str, dict[str, Any]],
    world: reference.World,
    real_mirror: Path,
) -> None:
    mistakes = real_mirror / f"imagenet-mistakes/metadata/{model}_mistakes.json"
    expected = reference.paper_model_mla(mistakes, world)
    row = leaderboard[model]
    assert_same({key: row[key] for key in expected}, expected)
    # What needs the predictions themselves stays unknown.
    assert row["top1"] is None and row["mla_strict"] is None and row["imagenet_m_correct"] is None


def test_stored_metrics_equal_the_live_view_bit_for_bit(real_zoo_db: Path) -> None:
    query = "select model, metric, value, hits, images, classes from {} order by model, metric"
    with duckdb.connect(str(real_zoo_db), read_only=True) as con:
        live = con.execute(
            query.format("model_metrics_live where evaluated_from = 'predictions'")
        ).fetchall()
        stored = con.execute(query.format("model_metrics_snapshot")).fetchall()
    assert len(stored) == 67 * 8  # every metric but ImageNet-M's, unknown without its list
    assert stored == live


def assert_same(actual: dict[Any, Any], expected: dict[Any, Any]) -> None:
    """Equal; a mean over classes within 2^-52 of the exact one (hits / images is exact)."""
    assert actual.keys() == expected.keys()
    for key, value in expected.items():
        if isinstance(value, float):
            assert actual[key] == pytest.approx(value, rel=0, abs=2**-52), key
        else:
            assert actual[key] == value, key


def test_add_zoo_from_the_command_line_adds_the_chosen_models(
    real_db: Path, real_mirror: Path, tmp_path: Path, leaderboard: dict[str, dict[str, Any]]
) -> None:
    db = tmp_path / "im.duckdb"
    shutil.copy(real_db, db)
    # No --source-dir: the file remembers the mirror it was built from.
    result = CliRunner().invoke(
        app, ["add-zoo", "imagenetv2", "--models", "resnet50,vgg16", "--db", str(db)]
    )
    assert result.exit_code == 0, result.stderr
    assert "Added 2 models from imagenetv2" in result.stderr
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(f"select model, {', '.join(COLUMNS)} from leaderboard")
        added = {row[0]: dict(zip(COLUMNS, row[1:], strict=True)) for row in rows.fetchall()}
    added = {model: row for model, row in added.items() if model in ("resnet50", "vgg16")}
    assert added.keys() == {"resnet50", "vgg16"}
    for model, row in added.items():
        assert_same(row, leaderboard[model])
