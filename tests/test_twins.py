"""Every command and its Python twin behave alike: the same rows, and on bad input the
same one line (the command's `Error: ` line is the API error's text) with its exit code.
The command line only parses and prints; the rules live in the core."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from rich.console import Console

from imagenet_mistakes import Database, gallery, predictions, report
from imagenet_mistakes.errors import ImagenetMistakesError
from imagenet_mistakes.output import Format, render
from tests.commands import invoke

# (command line, its twin): {db}, {tmp} and {logits} stand for the test's paths.
Twin = tuple[list[str], Callable[[Database, Path, Path], Any]]
READING: list[Twin] = [
    (["query", "model_summary", "-p", "model=nope"],
     lambda db, tmp, logits: db.query("model_summary", {"model": "nope"})),
    (["query", "model_summary", "-p", "model=resnet5"],
     lambda db, tmp, logits: db.query("model_summary", {"model": "resnet5"})),
    (["query", "no_such_query"], lambda db, tmp, logits: db.query("no_such_query")),
    (["query", "worst_classes", "-p", "limit=0", "-p", "model=m"],
     lambda db, tmp, logits: db.query("worst_classes", {"limit": "0", "model": "m"})),
    (["sql", "select nope from leaderboard"],
     lambda db, tmp, logits: db.sql("select nope from leaderboard")),
    (["sql", "copy models to 'x.csv'"], lambda db, tmp, logits: db.sql("copy models to 'x.csv'")),
    (["describe", "leaderbord"], lambda db, tmp, logits: db.describe("leaderbord")),
    (["report", "[nope]", "--out", "{tmp}/r.html"],
     lambda db, tmp, logits: report.write(db, "[nope]", tmp / "r.html")),
    (["report", "m", "--out", "{tmp}/missing/r.html"],
     lambda db, tmp, logits: report.write(db, "m", tmp / "missing" / "r.html")),
    (["gallery", "m", "--images", "{tmp}", "--compare", "m", "--out", "{tmp}/g"],
     lambda db, tmp, logits: gallery.write(db, "m", tmp, tmp / "g", compare="m")),
    (["gallery", "m", "--images", "{tmp}/none", "--out", "{tmp}/g"],
     lambda db, tmp, logits: gallery.write(db, "m", tmp / "none", tmp / "g")),
    (["export", "{tmp}"], lambda db, tmp, logits: db.export(tmp)),
    (["sql", "select error('it ran') as a", "--columns", "b"],
     lambda db, tmp, logits: db.sql("select error('it ran') as a", ["b"])),
    (["query", "leaderboard", "--columns", "mdoel,top1"],
     lambda db, tmp, logits: db.query("leaderboard", None, ["mdoel", "top1"])),
]  # fmt: skip
WRITING: list[Twin] = [
    (["remove-model", "nope"], lambda db, tmp, logits: db.remove_model("nope")),
    (["remove-model", "vit3b"], lambda db, tmp, logits: db.remove_model("vit3b")),
    (["add-model", "x", "--logits", "{logits}", "--topk", "{logits}"],
     lambda db, tmp, logits: predictions.read(logits=logits, topk=logits)),
    (["add-model", "x", "--predictions", "{logits}", "--background-first"],
     lambda db, tmp, logits: predictions.read(table=logits, background_first=True)),
    (["add-model", "x", "--topk", "{logits}", "--k", "3"],
     lambda db, tmp, logits: predictions.read(topk=logits, k=3)),
    (["add-model", "x", "--logits", "{tmp}/logits.npy", "--k", "0"],
     lambda db, tmp, logits: predictions.read(logits=tmp / "logits.npy", k=0)),
    (["add-model", "x", "--topk", "{logits}"],
     lambda db, tmp, logits: predictions.read(topk=logits)),
    (["add-model", "m", "--logits", "{logits}"],
     lambda db, tmp, logits: db.add_model("m", predictions.read(logits=logits))),
]  # fmt: skip


def _cases(twins: list[Twin]) -> list[Any]:
    return [pytest.param(args, twin, id=" ".join(args)) for args, twin in twins]


@pytest.fixture
def logits(tmp_path: Path) -> Path:
    path = tmp_path / "logits.npy"
    np.save(path, np.random.default_rng(0).standard_normal((50, 1000)).astype(np.float32))
    return path


def _same_failure(db_path: Path, tmp: Path, logits: Path, args: list[str], twin: Any) -> None:
    given = [a.format(tmp=tmp, logits=logits) for a in args]
    code, stdout, stderr = invoke(*given, "--db", db_path)
    write = args[0] in ("remove-model", "add-model")
    with Database.open(db_path, write=write) as db, pytest.raises(ImagenetMistakesError) as raised:
        twin(db, tmp, logits)
    assert (code, stdout, stderr) == (raised.value.exit_code, "", f"Error: {raised.value}\n")


@pytest.mark.parametrize(("args", "twin"), _cases(READING))
def test_a_reading_command_fails_as_its_twin(
    synthetic_db_template: Path, tmp_path: Path, logits: Path, args: list[str], twin: Any
) -> None:
    _same_failure(synthetic_db_template, tmp_path, logits, args, twin)


@pytest.mark.parametrize(("args", "twin"), _cases(WRITING))
def test_a_writing_command_fails_as_its_twin(
    synthetic_db: Path, tmp_path: Path, logits: Path, args: list[str], twin: Any
) -> None:
    """Refused before anything is written: the twin then meets the same database."""
    _same_failure(synthetic_db, tmp_path, logits, args, twin)


@pytest.mark.parametrize(
    ("args", "twin"),
    [
        (["query", "leaderboard"], lambda db: db.query("leaderboard")),
        (["query", "worst_classes", "-p", "model=vit3b"],
         lambda db: db.query("worst_classes", {"model": "vit3b"})),
        (["models"], lambda db: db.models()),
        (["describe", "leaderboard"], lambda db: db.describe("leaderboard")),
        (["sql", "select * from stored_rows order by all"],
         lambda db: db.sql("select * from stored_rows order by all")),
    ],
)  # fmt: skip
def test_a_command_prints_its_twins_rows(
    synthetic_db_template: Path, args: list[str], twin: Any
) -> None:
    """In CSV and JSON, what the command prints is the twin's result, rendered."""
    for fmt in (Format.csv, Format.json):
        code, stdout, stderr = invoke(*args, "-f", fmt.value, "--db", synthetic_db_template)
        assert code == 0, stderr
        with Database.open(synthetic_db_template) as db:
            result = twin(db)
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            render(result.columns, result.rows, fmt, Console(file=printed, markup=False))
        assert stdout == printed.getvalue()


def test_columns_are_checked_before_the_query_runs(synthetic_db_template: Path) -> None:
    """A query that would fail if it ran: the column is refused first."""
    code, _, stderr = invoke(
        "sql", "select error('it ran') as a", "--columns", "b", "--db", synthetic_db_template
    )
    assert (code, stderr) == (2, "Error: --columns 'b': not a column of this result\n")
