"""Property tests: for random small worlds, the SQL metrics equal the plain-Python reference;
and the top-k of any logits equals a plain stable sort.

A world is a handful of images with random original labels, ReaL lists
(some empty), multi-label verdicts (correct, unclear and wrong sets that may
overlap, problematic flags), an ImageNet-M list or none, and up to three
models with top-k predictions on random subsets of the images. The rows go
straight into the schema's tables; the leaderboard must then agree with
tests/reference.py, which shares no code with the views, and give the same
bytes whatever order the models were added in.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import duckdb
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imagenet_mistakes import build, label_sets, metrics, schema, storage
from imagenet_mistakes.models import store_batch
from imagenet_mistakes.predictions import NonFiniteRow, top_k
from tests import reference
from tests.synthetic import image

MAX_CLASSES = 8
# The metrics that score against a label set of listed classes, with that label set.
CORRECTION_SETS = {
    m.metric: m.label_set for m in metrics.definitions() if m.metric in reference.CORRECTIONS
}


@dataclass
class Sample:
    """A world, the wrong verdicts the reference ignores, and each model's (k, predictions)."""

    world: reference.World
    classes: int
    wrong: dict[str, set[int]]
    models: dict[str, tuple[int, dict[str, list[int]]]]


@st.composite
def samples(draw: st.DrawFn) -> Sample:
    classes = draw(st.integers(2, MAX_CLASSES))  # few classes, so labels and guesses collide
    class_ids = st.integers(0, classes - 1)
    numbers = draw(st.lists(st.integers(1, 50_000), min_size=1, max_size=12, unique=True))
    names = [image(n) for n in numbers]
    annotated = [name for name in names if draw(st.booleans())]
    multi = {
        name: reference.MultiLabel(
            draw(st.sets(class_ids, max_size=3)),
            draw(st.sets(class_ids, max_size=2)),
            draw(st.booleans()),
        )
        for name in annotated
    }
    known_imagenet_m = draw(st.booleans())
    # Label sets that list correct classes for some images (the clean and fine-grained).
    corrections = {
        metric: {
            name: draw(st.sets(class_ids, min_size=1, max_size=2))
            for name in names
            if draw(st.booleans())
        }
        for metric in CORRECTION_SETS
    }
    world = reference.World(
        original={name: draw(class_ids) for name in names},
        real={name: sorted(draw(st.sets(class_ids, max_size=3))) for name in names},
        multi=multi,
        # ImageNet-M is drawn from the scored images, as the real split is (no problematic image).
        imagenet_m=(
            {n for n in annotated if not multi[n].problematic and draw(st.booleans())}
            if known_imagenet_m
            else None
        ),
        corrections=corrections,
    )
    models = {}
    for m in range(draw(st.integers(1, 3))):
        k = draw(st.integers(1, min(5, classes)))
        predicted = draw(st.lists(st.sampled_from(names), min_size=1, unique=True))
        models[f"m{m}"] = (
            k,
            {name: draw(st.permutations(range(classes)))[:k] for name in predicted},
        )
    wrong = {name: draw(st.sets(class_ids, max_size=2)) for name in annotated}
    return Sample(world, classes, wrong, models)


@pytest.fixture(scope="module")
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    """An in-memory database with the schema, classes and label sets; samples roll back."""
    with duckdb.connect() as con:
        schema.apply(con)
        con.execute(
            "insert into sources values ('synthetic', 'SYNTHETIC property-test world', '-', "
            "'user', null, null, '-', '-', 0, null, ?)",
            [datetime.now(UTC)],
        )
        con.executemany(
            "insert into label_sets values (?, 'SYNTHETIC', 'synthetic', ?, ?, null)",
            [[s.name, s.scope, s.analysed] for s in label_sets.definitions()],
        )
        storage.append(con, "metrics", build.metric_rows())
        con.executemany(
            "insert into classes values (?, ?, ?, '', '')",
            [[i, f"n{i:08d}", f"class {i}"] for i in range(MAX_CLASSES)],
        )
        yield con


def insert(con: duckdb.DuckDBPyConnection, sample: Sample, batch: int | None = None) -> None:
    """Write the world into the schema's tables, which name images by number.

    Models are added in batches of `batch` (all in one without it), as add-model does.
    """
    world = sample.world

    def number(name: str) -> int:
        return int(name[15:23])

    con.executemany(
        "insert into images values (?, ?, ?)",
        [[number(name), name, label] for name, label in world.original.items()],
    )
    labels = [["original", number(n), label, "correct"] for n, label in world.original.items()]
    labels += [["real", number(n), c, "correct"] for n, real in world.real.items() for c in real]
    for name, multi in world.multi.items():
        for verdict, ids in (
            ("correct", multi.correct),
            ("unclear", multi.unclear),
            ("wrong", sample.wrong[name]),
        ):
            labels += [["multilabel_v3", number(name), c, verdict] for c in ids]
    for metric, labelled in world.corrections.items():
        label_set = CORRECTION_SETS[metric]
        labels += [[label_set, number(n), c, "correct"] for n, ids in labelled.items() for c in ids]
    con.executemany("insert into image_labels values (?, ?, ?, ?)", labels)
    con.executemany(
        "insert into image_flags values (?, ?, ?, ?, ?)",
        [
            [
                number(name),
                name in world.multi,
                world.multi[name].problematic if name in world.multi else None,
                None if world.imagenet_m is None else name in world.imagenet_m,
                not world.real[name],
            ]
            for name in world.original
        ],
    )
    storage.run_script(con, "store_image_scope", {})  # as build does once labels are in
    for model, (k, predictions) in sample.models.items():
        con.execute(
            "insert into models (model, source, added_at, top_k, images) "
            "values (?, 'synthetic', now(), ?, ?)",
            [model, k, len(predictions)],
        )
        con.executemany(
            "insert into predictions values (?, ?, ?, null)",
            [[model, number(name), ranked] for name, ranked in predictions.items()],
        )
    names = list(sample.models)
    size = batch or len(names) or 1
    for start in range(0, len(names), size):  # as add-model stores a batch it added
        store_batch(con, names[start : start + size])


# Examples are bounded by CI's 15 minutes: these tests were a quarter of the run.
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sample=samples())
def test_sql_metrics_equal_the_reference(con: duckdb.DuckDBPyConnection, sample: Sample) -> None:
    con.begin()
    try:
        insert(con, sample)
        # Every column but the two that say where numbers come from (tests/test_models.py),
        # the ranks (tests/test_intervals.py) and the shares of each kind of mistake
        # (tests/test_categoriser.py).
        relation = con.execute(
            "select * exclude (evaluated_from, image_set, "
            "mla_rank, mla_best_rank, mla_worst_rank, mla_tied_with, "
            "fine_grained_share, fine_grained_oov_share, spurious_correlation_share, "
            "non_prototypical_share, unexplained_share) "
            "from leaderboard order by model"
        )
        columns = [d[0] for d in relation.description or []]
        got = {row[0]: dict(zip(columns[1:], row[1:], strict=True)) for row in relation.fetchall()}
    finally:
        con.rollback()

    assert sorted(got) == sorted(sample.models)
    for model, (k, predictions) in sample.models.items():
        expected = reference.metrics(predictions, sample.world)
        hits = reference.per_image(predictions, sample.world)
        for metric in reference.IMAGE_METRICS:
            known = reference.interval(hits[metric], sample.world, metric)
            if metric == "top5" and k < 5:
                known = None
            expected[f"{metric}_lower"], expected[f"{metric}_upper"] = known or (None, None)
        if k < 5:
            expected["top5"] = None  # fewer than five guesses: top-5 is unknown, not a number
        assert set(got[model]) == set(expected)
        differ = {
            key: (got[model][key], value)
            for key, value in expected.items()
            if not same(got[model][key], value, key)
        }
        assert differ == {}, model


def same(got: object, expected: object, key: str = "") -> bool:
    """Equal; a mean over classes within 2^-52 of the exact one (hits / images is exact);
    interval bounds (`*_lower`, `*_upper`), computed otherwise by statsmodels, within 1e-12."""
    if isinstance(got, float) and isinstance(expected, float):
        bound = key.endswith(("_lower", "_upper"))
        return math.isclose(got, expected, rel_tol=0, abs_tol=1e-12 if bound else 2**-52)
    return got == expected and type(got) is type(expected)


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sample=samples(), data=st.data())
def test_the_same_predictions_give_the_same_bytes_and_rank_in_any_order(
    con: duckdb.DuckDBPyConnection, sample: Sample, data: st.DataObject
) -> None:
    """Models added in two random orders and batches, each with a twin of identical
    predictions."""
    twins = {f"{name}_twin": model for name, model in sample.models.items()}
    everything = sample.models | twins
    outputs = []
    for _ in range(2):
        order = data.draw(st.permutations(sorted(everything)))
        batch = data.draw(st.integers(1, len(order)))
        con.begin()
        try:
            insert(con, Sample(sample.world, sample.classes, sample.wrong,
                               {name: everything[name] for name in order}), batch)  # fmt: skip
            leaderboard = con.execute("select * from leaderboard order by model").fetchall()
            ranks = con.execute(
                "select model, metric, value, rank() over (partition by metric order by value desc)"
                " from model_metrics where value is not null order by model, metric"
            ).fetchall()
            # The per-image counts kept as models are added equal those counted afresh.
            stored = con.execute("select * from image_difficulty_snapshot order by all").fetchall()
            counted = con.execute("select * from image_difficulty_live order by all").fetchall()
            assert stored == counted
        finally:
            con.rollback()
        outputs.append((repr(leaderboard), ranks, counted))
    assert outputs[0] == outputs[1]
    by_model = {(model, metric): (value, rank) for model, metric, value, rank in outputs[0][1]}
    for (model, metric), (value, rank) in by_model.items():
        twin = by_model.get((f"{model}_twin", metric))
        if twin is not None:
            assert twin == (value, rank)  # bit-identical value, shared rank


@settings(max_examples=30, deadline=None)
@given(
    rows=st.integers(1, 3000),  # past one chunk (2,048 rows) of 128-row blocks
    k=st.sampled_from([1, 2, 5, 999, 1000]),
    dtype=st.sampled_from([np.float16, np.float32, np.float64]),
    seed=st.integers(0, 2**32 - 1),
)
def test_top_k_equals_a_stable_sort_with_softmax(
    rows: int, k: int, dtype: type[np.floating[Any]], seed: int
) -> None:
    """Small integer logits tie often; ties must go to the lower class id, as np.argmax."""
    logits = np.random.default_rng(seed).integers(-3, 4, (rows, 1000)).astype(dtype)
    ids, probabilities = top_k(logits, k)
    wide = logits.astype(np.float64)
    expected = np.argsort(-wide, axis=1, kind="stable")[:, :k]
    assert (ids == expected).all()
    softmax = np.exp(wide - wide.max(axis=1, keepdims=True))
    softmax /= softmax.sum(axis=1, keepdims=True)
    assert np.allclose(probabilities, np.take_along_axis(softmax, expected, axis=1), rtol=1e-5)


@settings(max_examples=30, deadline=None)
@given(
    bad=st.lists(
        st.tuples(
            st.integers(0, 4999), st.integers(0, 999), st.sampled_from([np.nan, np.inf, -np.inf])
        ),
        min_size=1,
        max_size=4,
    )
)
def test_top_k_names_the_first_non_finite_row(bad: list[tuple[int, int, float]]) -> None:
    """The check runs in chunks on several threads; the row it names must still be the first."""
    logits = np.zeros((5000, 1000), np.float32)  # 3 chunks of 2,048 rows
    for row, column, value in bad:
        logits[row, column] = value
    with pytest.raises(NonFiniteRow, match=rf"row {min(row for row, _, _ in bad)} \(counting"):
        top_k(logits, 5)
