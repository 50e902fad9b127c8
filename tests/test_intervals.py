"""Intervals, paired comparisons and rank ranges against statsmodels and plain re-implementations.

The references: statsmodels' Wilson interval (`proportion_confint(method="wilson")`)
and exact McNemar test (`mcnemar(exact=True)`); the variance of a mean of per-class
proportions and Agresti and Min's (2005) paired interval, written out here with
exact fractions from the upstream files (tests/reference.py); and rank ranges by
comparing every pair of intervals in Python.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path

import duckdb
import pytest
from statsmodels.stats.contingency_tables import mcnemar
from statsmodels.stats.proportion import proportion_confint

from imagenet_mistakes import Database, predictions
from tests import reference, synthetic
from tests.reference import CLASS_METRICS, Z, per_class, per_image

ZOO_PAIRS = [("resnet50", "resnet101"), ("alexnet", "vgg16")]


@pytest.fixture(scope="module")
def world(real_mirror: Path) -> reference.World:
    return reference.read_world(real_mirror)


@pytest.fixture(scope="module")
def db(real_zoo_db: Path) -> Iterator[Database]:
    with Database.open(real_zoo_db) as database:
        yield database


def test_every_interval_of_a_dozen_zoo_models_equals_the_reference(
    db: Database, real_mirror: Path, world: reference.World
) -> None:
    """Every 6th of the 67 zoo models by name, from alexnet on: the plain-Python
    reference takes most of a second a model (test_metrics_real checks every model's
    values, which the intervals are drawn around)."""
    found = {
        (model, metric): (lower, upper)
        for model, metric, lower, upper in db.sql(
            "select model, metric, lower, upper from model_metrics "
            "where evaluated_from = 'predictions'"
        ).rows
    }
    models = sorted({model for model, _ in found})
    assert len(models) == 67
    for model in models[::6]:
        hits = per_image(reference.zoo_predictions(real_mirror, model), world)
        for metric in ("top1", "top5", "real", "mla", "mla_micro", "mla_strict"):
            assert found[model, metric] == pytest.approx(
                reference.interval(hits[metric], world, metric), rel=1e-9
            ), (model, metric)


def test_the_confidence_view_holds_the_level_and_its_quantile(db: Database) -> None:
    assert db.sql("select level, z from confidence").rows == [(0.95, pytest.approx(Z, rel=1e-15))]


@pytest.mark.parametrize(("a", "b"), ZOO_PAIRS)
def test_compare_equals_mcnemar_and_the_paired_intervals(
    db: Database, real_mirror: Path, world: reference.World, a: str, b: str
) -> None:
    rows = db.query("compare", {"a": a, "b": b}).records()
    values = {
        (m, metric): v
        for m, metric, v in db.sql("select model, metric, value from model_metrics").rows
    }
    hits_a = per_image(reference.zoo_predictions(real_mirror, a), world)
    hits_b = per_image(reference.zoo_predictions(real_mirror, b), world)
    assert [row["metric_id"] for row in rows] == list(reference.IMAGE_METRICS[:-1])
    for row in rows:
        metric = row["metric_id"]
        right_a, right_b = hits_a[metric], hits_b[metric]
        only_a = sum(right_a[n] and not right_b[n] for n in right_a)
        only_b = sum(right_b[n] and not right_a[n] for n in right_a)
        both = sum(right_a[n] and right_b[n] for n in right_a)
        n = len(right_a)
        assert (row["only_a_right"], row["only_b_right"], row["images"]) == (only_a, only_b, n)
        table = [[both, only_a], [only_b, n - both - only_a - only_b]]
        assert row["p_value"] == pytest.approx(mcnemar(table, exact=True).pvalue, rel=1e-9)
        # Both values as the leaderboard has them, bit for bit (where the models have all images).
        assert (row["a_value"], row["b_value"]) == (values[a, metric], values[b, metric])
        assert row["difference"] == pytest.approx(row["b_value"] - row["a_value"], abs=1e-15)
        expected = paired_bounds(right_a, right_b, world, metric)
        assert (row["lower"], row["upper"]) == pytest.approx(expected, rel=1e-9), metric


def paired_bounds(
    right_a: dict[str, bool], right_b: dict[str, bool], world: reference.World, metric: str
) -> tuple[float, float]:
    """Per class: z standard errors of the mean of per-class paired differences.
    Per image: Agresti and Min (2005), Wald's interval with half an image added to each cell."""
    if metric in CLASS_METRICS:
        differences, variance = Fraction(0), Fraction(0)
        classes = per_class({n: (right_a[n], right_b[n]) for n in right_a}, world)
        for pairs in classes.values():
            size = len(pairs)
            only_a = sum(ra and not rb for ra, rb in pairs)
            only_b = sum(rb and not ra for ra, rb in pairs)
            difference = Fraction(only_b - only_a, size)
            differences += difference
            variance += (Fraction(only_a + only_b, size) - difference**2) / size
        mean = float(differences / len(classes))
        half = Z * math.sqrt(variance) / len(classes)
        return mean - half, mean + half
    cell_a = sum(right_a[n] and not right_b[n] for n in right_a) + 0.5
    cell_b = sum(right_b[n] and not right_a[n] for n in right_a) + 0.5
    size = len(right_a) + 2
    shift = (cell_b - cell_a) / size
    error = math.sqrt(cell_a + cell_b - (cell_b - cell_a) ** 2 / size) / size
    return max(-1.0, shift - Z * error), min(1.0, shift + Z * error)


def test_mcnemar_p_is_the_exact_test_at_small_and_large_counts() -> None:
    counts = [(a, b) for a in range(0, 31, 3) for b in range(0, 31, 4)]
    counts += [(214, 85), (2259, 2881), (5000, 5100)]
    with duckdb.connect() as con:
        con.execute(_macro())
        for only_a, only_b in counts:
            (found,) = con.execute("select mcnemar_p(?, ?)", [only_a, only_b]).fetchone() or ()
            expected = mcnemar([[0, only_a], [only_b, 0]], exact=True).pvalue
            assert found == pytest.approx(expected, rel=1e-9, abs=1e-300), (only_a, only_b)


def _macro() -> str:
    from imagenet_mistakes import schema

    return dict(schema.rendered())["mcnemar_p.sql"]


def test_mistake_overlap_tests_the_paper_models(db: Database) -> None:
    rows = db.query("mistake_overlap", {"a": "vit3b", "b": "greedy_soups"}).rows
    found = {mistakes: (images, p) for mistakes, images, p in rows}
    only_a, p = found["only a wrong (fixed by b)"]
    only_b, same_p = found["only b wrong (new in b)"]
    # Only one is wrong on an image exactly when only the other is right on it.
    assert (
        p
        == same_p
        == pytest.approx(mcnemar([[0, only_a], [only_b, 0]], exact=True).pvalue, rel=1e-9)
    )
    assert found["both wrong"][1] is None


def test_rank_ranges_compare_every_pair_of_intervals(db: Database) -> None:
    rows = db.sql(
        "select model, metric, value, lower, upper, image_set from model_metrics "
        "where value is not null"
    ).rows
    ranks = {(model, metric): list(rest) for model, metric, *rest in db.sql(
        "select * from metric_ranks").rows}  # fmt: skip
    assert len(ranks) == len(rows)
    for model, metric, value, lower, upper, image_set in rows:
        others = [r for r in rows if r[1] == metric and r[5] == image_set]
        better = sum(o[3] > upper for o in others)
        worse = sum(o[4] < lower for o in others)
        expected = [
            1 + sum(o[2] > value for o in others),
            1 + better,
            len(others) - worse,
            len(others) - 1 - better - worse,
            len(others),
            image_set,
        ]
        assert ranks[model, metric] == expected, (model, metric)
    # resnet50 on multi-label accuracy: statistically tied with some models, not all.
    assert 0 < ranks["resnet50", "mla"][3] < 20


def test_imagenet_m_counts_and_their_comparison_at_two_images(synthetic_db: Path) -> None:
    """The synthetic ImageNet-M list has 2 images (SYNTHETIC fixture): exact where it matters."""
    # Image 1's other(1) is marked wrong; image 2's other(2, 3) is no label of it.
    right, wrong = synthetic.IMAGENET_M, [synthetic.other(1), synthetic.other(2, 3)]
    ids = {w: i for i, w in enumerate(synthetic.WNIDS)}
    tables = {}
    for model, labels in (("right", [synthetic.label(1), synthetic.label(2)]), ("wrong", wrong)):
        table = synthetic_db.parent / f"{model}.csv"
        table.write_text(
            "file_name,class_id\n"
            + "".join(f"{f},{ids[w]}\n" for f, w in zip(right, labels, strict=True))
        )
        tables[model] = table
    with Database.open(synthetic_db, write=True) as database:
        for model, table in tables.items():
            database.add_model(model, predictions.from_table(table))
    with Database.open(synthetic_db) as database:
        (row,) = database.query("compare", {"a": "right", "b": "wrong"}).records()[-1:]
        counts = database.sql(
            "select model, imagenet_m_correct, imagenet_m_correct_lower, imagenet_m_correct_upper "
            "from leaderboard where model in ('right', 'wrong') order by model"
        ).rows
    for (_, correct, lower, upper), hits in zip(counts, (2, 0), strict=True):
        low, high = proportion_confint(hits, 2, alpha=0.05, method="wilson")
        assert (correct, lower, upper) == (hits, pytest.approx(2 * low), pytest.approx(2 * high))
    assert row["metric_id"] == "imagenet_m_correct"
    assert (row["only_a_right"], row["only_b_right"], row["difference"]) == (2, 0, -2)
    assert row["p_value"] == mcnemar([[0, 2], [0, 0]], exact=True).pvalue == 0.5
    # Agresti-Min: cells 2.5 and 0.5 of 4, so -0.5 +- z sqrt(2) / 4, in images; 2 prove nothing.
    assert (row["lower"], row["upper"]) == (-2, pytest.approx(2 * (-0.5 + Z * 2**0.5 / 4)))
