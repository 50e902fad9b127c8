"""The Python API a notebook uses; the core's facts as data: metrics, label sets, schema."""

from __future__ import annotations

import inspect
import re
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pytest

from imagenet_mistakes import (
    Database,
    build,
    gallery,
    metrics,
    named_queries,
    predictions,
    registry,
    report,
    schema,
    storage,
)
from imagenet_mistakes.errors import BadArgument, QueryError, SourceFormatError
from tests import synthetic
from tests.synthetic import write_mirror

ID = {wnid: i for i, wnid in enumerate(synthetic.WNIDS)}


def logits_right_on_odd_images() -> np.ndarray:
    """SYNTHETIC logits: the original label wins on odd-numbered images, class 0 elsewhere."""
    logits = np.zeros((50_000, 1000), np.float32)
    for number in range(1, 50_001):
        logits[number - 1, ID[synthetic.label(number)] if number % 2 else 0] = 5.0
    return logits


def test_a_notebook_adds_logits_from_memory_and_reads_the_leaderboard(synthetic_db: Path) -> None:
    with Database.open(synthetic_db, write=True) as db:
        summary = db.add_model("from_memory", predictions.from_logits(logits_right_on_odd_images()))
        board = db.leaderboard().to_pandas()
        arrow = db.query("leaderboard").to_arrow()
    row = board.set_index("model").loc["from_memory"]
    # Images of class 0 are right on even numbers too.
    class_0 = {n for n in range(1, 50_001) if ID[synthetic.label(n)] == 0}
    right = {n for n in range(1, 50_001) if n % 2} | class_0
    assert row["top1"] == len(right) / 50_000
    assert row["images"] == 50_000
    assert arrow.column_names == list(board.columns)
    top1 = next(r for r in summary.records() if r["metric_id"] == "top1")
    assert top1["value"] == len(right) / 50_000


def test_read_only_is_read_only_and_errors_are_typed(synthetic_db: Path) -> None:
    with Database.open(synthetic_db) as db:
        with pytest.raises(BadArgument, match="opened read-only"):
            db.remove_model("anything")
        with pytest.raises(QueryError, match="nothing"):
            db.sql("select * from nothing")
        with pytest.raises(BadArgument, match="not a named query"):
            db.query("not_a_query")
    with pytest.raises(SourceFormatError, match="logits must have shape"):
        predictions.from_logits(np.zeros((3, 10), np.float32))


@pytest.mark.slow  # builds from a mirror of its own
def test_a_metric_added_as_one_entry_reaches_the_leaderboard_summary_and_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    extended = tmp_path / "metrics.toml"
    extended.write_text(
        metrics.FILE.read_text() + "\n[mla_micro_strict]\n"
        'name = "multi-label strict (per image)"\n'
        'description = "Top-1 a correct label, over the multi-label images"\n'
        'label_set = "multilabel_v3"\nhit = "correct"\nscope = "label_set"\n'
        'aggregate = "image"\ndirection = "higher"\n'
    )
    monkeypatch.setattr(metrics, "FILE", extended)
    db = tmp_path / "im.duckdb"
    mirror = write_mirror(tmp_path / "mirror")
    Database.build(db, registry.Inputs(source_dir=mirror, cache_dir=tmp_path / "cache"))
    preds = tmp_path / "p.csv"
    # Images 1, 2, 4, 5 are scored (3 is problematic): right on 1 and 4, unclear-only on 2.
    preds.write_text(
        "file_name,class_id\n"
        f"{synthetic.image(1)},{ID[synthetic.label(1)]}\n"
        f"{synthetic.image(2)},{ID[synthetic.other(2)]}\n"
        f"{synthetic.image(4)},{ID[synthetic.other(4)]}\n"
        f"{synthetic.image(5)},{ID[synthetic.other(5, 3)]}\n"
    )
    with Database.open(db, write=True) as database:
        summary = database.add_model("m", predictions.from_table(preds))
        report.write(database, "m", tmp_path / "m.html")
    with Database.open(db) as database:
        (value,) = database.sql("select mla_micro_strict from leaderboard where model = 'm'").rows
    assert value == (2 / 4,)
    assert ("multi-label strict (per image)", 0.5) in [(r[0], r[1]) for r in summary.rows]
    assert "multi-label strict (per image)" in (tmp_path / "m.html").read_text()


def test_queries_lists_only_what_users_run() -> None:
    listed = {q.name for q in named_queries.catalogue()}
    assert listed.isdisjoint({"columns", "comments", "tables", "sources", "notes", "missing"})
    assert {"leaderboard", "model_summary", "models", "integrity"} <= listed


def test_each_schema_file_creates_one_object_named_after_it() -> None:
    created = re.compile(
        r"create (?:or replace )?(?:table|view|macro)(?: if not exists)? (\w+)", re.I
    )
    for name, text in schema.rendered():
        assert created.findall(text) == [name.removesuffix(".sql")], name


def test_every_produced_table_is_written(synthetic_mirror: Path, tmp_path: Path) -> None:
    """The registry's tables are the schema's; a loader's extra table is an error, not dropped."""
    produced = {table for step in registry.registry() for table in step.tables}
    assert produced <= set(schema.tables())
    loaded, flags = registry.load_all(registry.Inputs(synthetic_mirror, tmp_path / "cache"))
    loaded[0].tables["not_a_table"] = loaded[0].tables["classes"]
    with pytest.raises(RuntimeError, match="not_a_table"):
        build._write(_empty_database(tmp_path), loaded, flags)


def test_each_build_step_comes_after_the_steps_giving_what_it_needs() -> None:
    """A step takes what earlier ones give as arguments: the registry's order provides each,
    and what a step declares it gives is given once."""
    given: list[str] = []
    for step in registry.registry():
        assert set(step.needs) <= set(given), (step.source, step.needs, given)
        assert not set(step.gives) & set(given), step.source
        given += step.gives
    assert {"images", "multi", "real_excluded"} <= set(given)  # the image flags need them


def _empty_database(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    con = storage.create(tmp_path / "empty.duckdb")
    schema.apply(con)
    return con


# What a notebook may hand the API by mistake: each is refused by the type its
# parameter is annotated with, as one BadArgument naming the function and the parameter.
HOSTILE = [None, 5, object(), [[0.0] * 1000] * 10, {"model": 5}, b"bytes"]


def public_functions() -> list[tuple[str, Any]]:
    """Every public method of Database that takes arguments, and every reader of predictions."""
    methods = [
        (f"Database.{name}", getattr(Database, name))
        for name in dir(Database)
        if not name.startswith("_") and callable(getattr(Database, name))
    ]
    readers = [(f"predictions.{name}", getattr(predictions, name))
               for name in ("read", "from_logits", "from_top_k", "from_table", "from_timm")
               ]  # fmt: skip
    pages = [("report.write", report.write), ("gallery.write", gallery.write)]
    return [(name, f) for name, f in methods + readers + pages if parameters_of(f)]


def parameters_of(function: Any) -> list[str]:
    return [p for p in inspect.signature(function).parameters if p not in ("self", "cls")]


@pytest.mark.parametrize(
    ("name", "function"), public_functions(), ids=[name for name, _ in public_functions()]
)
def test_every_api_function_refuses_a_wrong_type_as_one_typed_error(
    synthetic_db_template: Path, name: str, function: Any
) -> None:
    """The README promises ImagenetMistakesError for every failure: not the AttributeError
    or TypeError a wrong type met deep inside would raise. Read-only: the arguments are
    refused before anything is opened for writing."""
    with Database.open(synthetic_db_template) as db:
        bound = getattr(db, name.split(".")[1]) if name.startswith("Database.") else function
        names = parameters_of(function)
        signature = inspect.signature(function)
        # None is no wrong type for a function whose every argument may be None (describe).
        optional = all(signature.parameters[n].default is None for n in names)
        for value in HOSTILE[1:] if optional else HOSTILE:
            with pytest.raises(BadArgument) as raised:
                bound(**dict.fromkeys(names, value))
            line = str(raised.value)
            assert line.startswith((f"{name.split('.')[-1]}: ", f"{name}: ")), line
            assert "\n" not in line


@pytest.mark.parametrize(
    ("call", "problem"),
    [
        (lambda db: predictions.from_logits([[0.0] * 1000] * 10),  # type: ignore[arg-type]
         "from_logits: logits: expected Path | ndarray, got list"),
        (lambda db: db.query("worst_classes", {"model": 5}),
         "Database.query: params: expected dict[str, str] | None, got dict "
         "(value of key 'model' is not an instance of str)"),
        (lambda db: db.add_model("x", None),
         "Database.add_model: predictions: expected Predictions, got NoneType"),
        (lambda db: predictions.from_top_k(np.zeros((2, 5), np.int64), order=["a", 3]),  # type: ignore[list-item]
         "from_top_k: order: expected RowOrder | Sequence[str] | None, got list (item 1 is"),
        (lambda db: db.query("leaderboard", {}, None, "extra"),
         "Database.query: too many positional arguments"),
    ],
)  # fmt: skip
def test_the_issues_examples_name_the_argument_and_the_type(
    synthetic_db: Path, call: Any, problem: str
) -> None:
    with Database.open(synthetic_db, write=True) as db, pytest.raises(BadArgument) as raised:
        call(db)
    assert str(raised.value).startswith(problem)


def test_logits_a_float64_can_barely_hold_give_a_softmax_without_a_warning() -> None:
    """±1e308: shifting by the row's maximum overflows to -inf, whose exp is the exact 0."""
    logits = np.where(np.arange(1000) % 2, 1e308, -1e308)[np.newaxis].repeat(50_000, axis=0)
    logits[:, 7] = 1.7e308
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="warn"):  # as a caller's settings may be
            loaded = predictions.from_logits(logits)
    first = loaded.rows.slice(0, 5).to_pydict()
    assert first["class_id"] == [7, 1, 3, 5, 9]
    assert first["score"][0] == 1.0 and first["score"][1:] == [0.0] * 4


def test_python_rows_and_arrow_give_the_same_result_either_way(synthetic_db: Path) -> None:
    """A result fetched as Python rows (as the CLI opens the file) converts to the Arrow the
    default fetch gives, types and all, and back: nested lists of structs, decimals, NULLs,
    two columns of one name, no rows."""
    asked: list[Callable[[Database], Any]] = [
        lambda db: db.query("mistake_cards", {"model": "vit3b"}),
        lambda db: db.query("leaderboard"),
        lambda db: db.sql(
            "select 1 as c, 2 as c, 1.50::decimal(4, 2) as d, null as n, date '2020-01-02' as t"
        ),
        lambda db: db.sql("select * from models where false"),
        lambda db: db.sql("create temp view v as select 1"),  # returns nothing
    ]
    for ask in asked:
        fetched = {}
        for arrow in (True, False):
            with Database.open(synthetic_db, arrow=arrow) as db:
                fetched[arrow] = ask(db)
        as_arrow, as_rows = fetched[True], fetched[False]
        assert isinstance(as_rows.fetched, list)
        assert as_rows.columns == as_arrow.columns and as_rows.types == as_arrow.types
        assert as_rows.to_arrow().equals(as_arrow.to_arrow()), as_rows.columns
        assert as_rows.rows == as_arrow.rows and as_rows.records() == as_arrow.records()


def test_what_a_users_sql_makes_ends_with_the_statement(synthetic_db: Path) -> None:
    """A read-only Database reads through the sandbox the users' SQL runs in; each statement
    runs on a connection of its own, so its temporary view, USE or open transaction never
    reaches the package's reads or the next statement."""
    with Database.open(synthetic_db) as db:
        objects = db.query("objects").rows
        classes = db.sql("select count(*) from classes").rows
        assert objects and classes == [(1000,)]
        for statement in (
            "create temp view classes as select 1 as x",
            "create temp view objects as select 1 as x",
            "use memory",
            "begin transaction",
            "create schema memory.scratch",
        ):
            db.sql(statement)
            assert db.query("objects").rows == objects, statement
            assert db.sql("select count(*) from classes").rows == classes, statement
