"""The second zoo, timm2022: 15 timm models of 2022 whose top-1 alone Shavit 2022 published,
each scored on everything the top-1 decides and checked against its raw CSV."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from imagenet_mistakes import Database
from imagenet_mistakes.errors import BadArgument
from tests import reference
from tests.commands import invoke
from tests.conftest import built_once

RES = Path("analysing-relations/res")
# Every metric the top-1 decides (ImageNet-M needs its list, which the real mirror lacks).
TOP1_METRICS = ("top1", "real", "mla", "mla_micro", "mla_strict")


@pytest.fixture(scope="module")
def timm_db(real_db: Path, real_mirror: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    def make(db: Path) -> None:
        shutil.copy(real_db, db)
        with Database.open(db, write=True) as database:
            database.add_zoo("timm2022", source_dir=real_mirror, cache_dir=db.parent)

    return built_once(tmp_path_factory, "timm2022", make)


def raw_top1(path: Path) -> dict[str, list[int]]:
    """A file's predictions as the csv module reads them: file name, then the top-1 id."""
    with path.open(newline="") as f:
        return {row[0]: [int(row[1])] for row in csv.reader(f)}


def test_every_model_scores_as_its_csv_says(timm_db: Path, real_mirror: Path) -> None:
    world = reference.read_world(real_mirror)
    files = sorted((real_mirror / RES).glob("topk_ids_*.csv"))
    assert len(files) == 15
    with Database.open(timm_db) as db:
        found = {
            (model, metric): (value, images)
            for model, metric, value, images in db.sql(
                "select model, metric, value, images from model_metrics "
                "where model like '%.timm2022'"
            ).rows
        }
        zoos = dict(db.sql("select model, zoo from models").rows)
    for file in files:
        model = file.stem.removeprefix("topk_ids_") + ".timm2022"
        expected = reference.metrics(raw_top1(file), world)
        assert zoos[model] == "timm2022"
        for metric in TOP1_METRICS:
            assert found[model, metric][0] == pytest.approx(expected[metric], rel=1e-12), (
                model,
                metric,
            )
        # Only the top-1 is published: top-5 is unknown, not 0.
        assert found[model, "top5"][0] is None, model
    # The numbers as published: Shavit's ConvNeXt-T scores 82.06%, Swin-B 85.264%.
    assert round(found["convnext_tiny.timm2022", "top1"][0], 5) == 0.8206
    assert round(found["swin_base_patch4_window7_224.timm2022", "top1"][0], 5) == 0.85264


def test_the_summary_says_why_top5_is_unknown(timm_db: Path) -> None:
    with Database.open(timm_db) as db:
        rows = db.query("model_summary", {"model": "vgg11.timm2022"}).records()
    by_metric = {row["metric_id"]: row for row in rows}
    assert by_metric["top5"]["value"] is None
    assert by_metric["top5"]["note"] == "needs 5 predictions an image; this model has 1"
    assert by_metric["top1"]["note"] is None and by_metric["top1"]["value"] is not None


def test_the_note_column_is_shown_only_when_a_metric_has_a_note(
    timm_db: Path, synthetic_db: Path, logits: Path
) -> None:
    """`-- Shows: ..., note?`: the table shows the reason beside top-5 for a top-1 model, and
    leaves out a column of NULLs for a model with every value (JSON carries it always)."""
    assert invoke("add-model", "full", "--logits", logits, "--db", synthetic_db)[0] == 0
    for db, model, shown in ((timm_db, "vgg11.timm2022", True), (synthetic_db, "full", False)):
        asked = ("query", "model_summary", "-p", f"model={model}", "--db", db)
        code, stdout, stderr = invoke(*asked, "--format", "markdown")  # a table for people
        assert code == 0, stderr
        assert ("note" in stdout.splitlines()[0].split("|")[-2]) is shown, stdout
        assert ("needs 5 predictions an image; this model has 1" in stdout) is shown
        code, stdout, _ = invoke(*asked, "--format", "json")
        assert all("note" in row for row in json.loads(stdout))


def test_the_crosswalk_finds_each_models_published_weights_by_their_numbers(
    timm_db: Path,
) -> None:
    """Each of the 15 is, to a tenth of a point on top-1 and ReaL, one of timm's published
    weights of its architecture (another evaluation pipeline: not to the rounding)."""
    with Database.open(timm_db) as db:
        nearest = dict(
            db.sql(
                "select model, arg_min(published_model, largest_difference) from crosswalk "
                "where source = 'timm' and model like '%.timm2022' "
                "and verdict = 'same name, nearly the same numbers' group by model"
            ).rows
        )
    assert len(nearest) == 15
    assert nearest["convnext_tiny.timm2022"] == "convnext_tiny.fb_in1k"
    assert nearest["resnet50.timm2022"] == "resnet50.a1_in1k"
    assert nearest["vgg11.timm2022"] == "vgg11.tv_in1k"


def test_a_zoo_is_named_from_the_list(synthetic_db: Path) -> None:
    code, stdout, stderr = invoke("add-zoo", "timm2021", "--db", synthetic_db)
    assert (code, stdout) == (2, "")
    assert stderr.startswith("Error: ZOO 'timm2021': not a zoo (imagenetv2, timm2022)"), stderr
    assert "did you mean 'timm2022'?" in stderr


def test_difficulty_counts_among_a_zoo_or_the_models_named(
    timm_db: Path, real_mirror: Path
) -> None:
    """`-p among=`: hardest_images, shared_mistakes and distinctive_mistakes count among the
    models named, recounted here from the raw CSVs and the multi-label annotations."""
    world = reference.read_world(real_mirror)
    chosen = ["vgg11", "resnet50", "convnext_tiny"]
    top1 = {
        arch: raw_top1(real_mirror / RES / f"topk_ids_{arch}.csv")
        for arch in ["vgg11", "resnet50", "convnext_tiny", "swin_base_patch4_window7_224"]
    }

    def wrong(arch: str, name: str) -> bool:
        labels = world.multi[name]
        return top1[arch][name][0] not in labels.correct | labels.unclear

    scored = [n for n, labels in world.multi.items() if not labels.problematic]
    among = ",".join(f"{arch}.timm2022" for arch in chosen)
    with Database.open(timm_db) as db:
        hardest = db.query("hardest_images", {"among": among, "limit": "1000000"}).records()
        shared = db.query(
            "shared_mistakes", {"model": "swin_base_patch4_window7_224.timm2022", "among": among}
        ).records()
        everyone = db.query("hardest_images", {"among": "timm2022", "limit": "5"}).records()
        with pytest.raises(BadArgument, match="not all, a zoo \\(timm2022\\) or a model"):
            db.query("hardest_images", {"among": "timm2021"})
    expected = {n: sum(wrong(arch, n) for arch in chosen) for n in scored}
    assert {row["file_name"]: row["models_wrong"] for row in hardest} == expected
    assert all(row["models"] == 3 for row in hardest)
    # Swin-B's mistakes that all three others make too (90% of 3 is all of them).
    assert {row["file_name"] for row in shared} == {
        n for n in scored if wrong("swin_base_patch4_window7_224", n) and expected[n] == 3
    }
    assert all(row["others"] == 3 and row["others_wrong"] == 3 for row in shared)
    # The zoo: all 15 of it.
    assert all(row["models"] == 15 for row in everyone)
