"""The mistake-analysis views on the real mirror and the zoo, against plain Python readings."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import duckdb
import pytest

from imagenet_mistakes import named_queries
from tests import reference

# The normalisation of the upstream spellings, written out independently.
CATEGORY = {
    "Fine-grained error": "fine-grained",
    "Fine-grained error with OOV": "fine-grained-oov",
    "Fine-grained with OOV": "fine-grained-oov",
    "Fine-grained with Multilabel Options": "fine-grained",
    "Spurious Correlation": "spurious-correlation",
    "Non-prototypical": "non-prototypical",
}


@pytest.fixture(scope="module")
def con(real_zoo_db: Path) -> Any:
    with duckdb.connect(str(real_zoo_db), read_only=True) as connection:
        yield connection


@pytest.fixture(scope="module")
def world(real_mirror: Path) -> reference.World:
    return reference.read_world(real_mirror)


@pytest.fixture(scope="module")
def resnet50_top1(real_mirror: Path) -> dict[str, int]:
    """resnet50's top-1 class by file name, read from the zoo file."""
    return {
        name: ranked[0]
        for name, ranked in reference.zoo_predictions(real_mirror, "resnet50").items()
    }


def paper_mistakes(mirror: Path, model: str) -> dict[str, dict[str, Any]]:
    path = mirror / f"imagenet-mistakes/metadata/{model}_mistakes.json"
    return dict(json.loads(path.read_text()))


def wrong(world: reference.World, image: str, top1: int) -> bool:
    labels = world.multi[image]
    return top1 not in labels.correct and top1 not in labels.unclear


@pytest.mark.parametrize("model", ["vit3b", "greedy_soups"])
def test_mistake_breakdown_counts_each_category_and_severity(
    con: Any, real_mirror: Path, model: str
) -> None:
    listed = paper_mistakes(real_mirror, model).values()
    expected = Counter(
        (CATEGORY[m["failure category"]],
         "major" if m["failure severity"] == "Major" else "minor")
        for m in listed
    )  # fmt: skip
    rows = con.execute(
        "select category, severity, mistakes, share from mistake_breakdown "
        "where model = ? and category <> 'all' and severity <> 'all'",
        [model],
    ).fetchall()
    assert {(c, s): n for c, s, n, _ in rows} == dict(expected)
    assert sum(share for *_, share in rows) == pytest.approx(1.0)
    totals = con.execute(
        "select severity, mistakes from mistake_breakdown where model = ? and category = 'all'",
        [model],
    ).fetchall()
    assert (
        dict(totals)
        == {
            "vit3b": {"all": 378, "major": 154, "minor": 224},
            "greedy_soups": {"all": 249, "major": 89, "minor": 160},
        }[model]
    )


def test_remaining_mistakes_of_resnet50(
    con: Any, real_mirror: Path, world: reference.World, resnet50_top1: dict[str, int]
) -> None:
    top1 = resnet50_top1
    for paper_model in ("vit3b", "greedy_soups"):
        listed = paper_mistakes(real_mirror, paper_model)
        still = Counter(
            "major" if m["failure severity"] == "Major" else "minor"
            for name, m in listed.items()
            if wrong(world, name, top1[name])
        )
        rows = con.execute(
            "select severity, paper_mistakes, still_wrong from remaining_mistakes "
            "where model = 'resnet50' and paper_model = ? and category = 'all'",
            [paper_model],
        ).fetchall()
        by_severity = {s: (total, left) for s, total, left in rows}
        assert by_severity["all"] == (len(listed), sum(still.values()))
        assert by_severity["major"][1] == still["major"]


def test_model_confusions_count_only_real_mistakes(
    con: Any, real_mirror: Path, world: reference.World, resnet50_top1: dict[str, int]
) -> None:
    top1 = resnet50_top1
    expected = Counter(
        (world.original[name], top1[name])
        for name, labels in world.multi.items()
        if not labels.problematic and wrong(world, name, top1[name])
    )
    rows = con.execute(
        "select original_class, predicted_class, mistakes from model_confusions "
        "where model = 'resnet50'"
    ).fetchall()
    assert {(a, b): n for a, b, n in rows} == dict(expected)
    pairs = {
        tuple(p[:2])
        for p in json.loads(
            (real_mirror / "imagenet-mistakes/metadata/class_confusion_wnids.json").read_text()
        )
    }
    wnids = _wnids(con)
    flagged = con.execute(
        "select original_class, predicted_class from model_confusions "
        "where model = 'resnet50' and in_paper"
    ).fetchall()
    assert {(a, b) for a, b in flagged} == {
        (a, b) for a, b in expected
        if (wnids[a], wnids[b]) in pairs or (wnids[b], wnids[a]) in pairs
    }  # fmt: skip


def _wnids(con: Any) -> list[str]:
    return [w for (w,) in con.execute("select wnid from classes order by class_id").fetchall()]


def test_mistake_overlap_of_the_paper_models(con: Any, real_mirror: Path) -> None:
    a, b = paper_mistakes(real_mirror, "vit3b"), paper_mistakes(real_mirror, "greedy_soups")
    rows = dict(
        con.execute(
            "select mistakes, images from (" + _named("mistake_overlap") + ")",
            {"a": "vit3b", "b": "greedy_soups"},
        ).fetchall()
    )
    shared = a.keys() & b.keys()
    assert rows["both wrong"] == len(shared)
    assert rows["only a wrong (fixed by b)"] == len(a.keys() - b.keys())
    assert rows["only b wrong (new in b)"] == len(b.keys() - a.keys())
    same = sum(
        CATEGORY[a[n]["failure category"]] == CATEGORY[b[n]["failure category"]] for n in shared
    )
    assert rows["both wrong, same category"] == same


def _named(name: str) -> str:
    return named_queries.get(name).sql


@pytest.fixture(scope="module")
def evidence(real_mirror: Path, world: reference.World) -> reference.Evidence:
    return reference.read_evidence(real_mirror, world)


@pytest.mark.parametrize("model", ["vit3b", "greedy_soups", "resnet50", "squeezenet1_0"])
def test_every_verdict_is_the_rules_written_out_per_mistake(
    con: Any, evidence: reference.Evidence, model: str
) -> None:
    rows = con.execute(
        "select file_name, predicted_class, auto_category, category_rule, auto_severity,"
        " severity_rule from auto_categories where model = ?",
        [model],
    ).fetchall()
    assert len(rows) > 200
    expected = {
        (name, predicted): reference.verdict(name, predicted, evidence)
        for name, predicted, *_ in rows
    }
    assert {(name, predicted): tuple(v) for name, predicted, *v in rows} == expected


def test_label_agreement_against_the_label_files(
    con: Any, real_mirror: Path, world: reference.World
) -> None:
    summary = dict(con.execute(_named("label_agreement")).fetchall())
    v3_wrong = [n for n, labels in world.multi.items()
                if world.original[n] not in labels.correct | labels.unclear]  # fmt: skip
    assert summary["original label marked wrong in multilabel_v3"] == len(v3_wrong)
    kept_not_real = [n for n, labels in world.multi.items()
                     if not labels.problematic and not world.real[n]]  # fmt: skip
    assert summary[
        "excluded by ReaL but scored by multilabel_v3 (annotated, not problematic)"
    ] == len(kept_not_real)
    not_in_real = [n for n, labels in world.multi.items()
                   if world.real[n] and world.original[n] not in world.real[n]
                   and world.original[n] in labels.correct]  # fmt: skip
    assert summary["original label not in ReaL but correct in multilabel_v3"] == len(not_in_real)
    assert summary["crowd-verified label errors (cleanlab_mturk)"] == 2916
