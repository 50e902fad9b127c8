"""The Python API a notebook uses; the core's facts as data: metrics, label sets, schema."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import numpy as np
import pytest

from imagenet_mistakes import Database, build, metrics, named_queries, predictions, schema, storage
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
    Database.build(db, build.Inputs(source_dir=mirror, cache_dir=tmp_path / "cache"))
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
        database.report("m", tmp_path / "m.html")
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
        assert created.findall(text) == [name.removesuffix(".sql").split("_", 1)[1]], name


def test_every_produced_table_is_written(synthetic_mirror: Path, tmp_path: Path) -> None:
    """The registry's tables are the schema's; a loader's extra table is an error, not dropped."""
    produced = {table for step in build.registry() for table in step.tables}
    assert produced <= set(schema.tables())
    loaded, flags = build.load_all(build.Inputs(synthetic_mirror, tmp_path / "cache"))
    loaded[0].tables["not_a_table"] = loaded[0].tables["classes"]
    with pytest.raises(RuntimeError, match="not_a_table"):
        build._write(_empty_database(tmp_path), loaded, flags)


def _empty_database(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    con = storage.create(tmp_path / "empty.duckdb")
    schema.apply(con)
    return con
