"""What a new user meets first: a leaderboard that reads at 100 columns, ranks a model
scored on a few images cannot distort, output that parses back, and the commands users
of sqlite-utils and the DuckDB CLI expect (describe, shell, export --force)."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from rich.console import Console

from imagenet_mistakes import Database, cli, named_queries, predictions
from tests import synthetic
from tests.commands import cli as cli_process
from tests.commands import invoke
from tests.fingerprint import fingerprint

ID = {wnid: i for i, wnid in enumerate(synthetic.WNIDS)}
ALL = np.array([[ID[synthetic.label(n)]] for n in range(1, 50_001)])


def screen(monkeypatch: pytest.MonkeyPatch, width: int) -> io.StringIO:
    """The table output as a terminal of `width` columns would show it."""
    text = io.StringIO()
    monkeypatch.setattr(cli, "out", Console(file=text, width=width, markup=False))
    return text


def add_top1(db: Path, name: str, top1: np.ndarray, images: list[int] | None = None) -> None:
    order = [synthetic.image(n) for n in images] if images is not None else None
    with Database.open(db, write=True) as database:
        database.add_model(name, predictions.from_top_k(top1, order=order))


def test_the_leaderboard_fits_100_columns_with_each_metric_and_its_interval_in_one_cell(
    synthetic_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wrong_half = ALL.copy()
    wrong_half[::2] = (wrong_half[::2] + 1) % len(ID)
    add_top1(synthetic_db, "half_right", wrong_half)
    text = screen(monkeypatch, 100)

    code, _, stderr = invoke("query", "leaderboard", "--db", synthetic_db)

    assert code == 0, stderr
    lines = text.getvalue().splitlines()
    assert all(len(line) <= 100 for line in lines)
    header = lines[0].split()
    assert header == named_queries.get("leaderboard").shows
    rows = {line.split()[0]: line for line in lines[2:]}
    with Database.open(synthetic_db) as db:
        top1, lower, upper = db.sql(
            "select top1, top1_lower, top1_upper from leaderboard where model = 'half_right'"
        ).rows[0]
    # One cell: the value and the larger side of its interval, which holds the whole interval.
    assert f"{top1:.4f} ± {max(top1 - lower, upper - top1):.4f}" in rows["half_right"]
    # A value the model lacks is a visible NULL (the paper's models have no top-1), and
    # numbers are right-aligned: each ends where its header does.
    assert rows["vit3b"].split()[1] == "NULL"
    top1_end = lines[0].index("top1") + len("top1")
    assert rows["vit3b"][:top1_end].endswith("NULL")
    assert rows["half_right"][:top1_end].endswith(f"{max(top1 - lower, upper - top1):.4f}")


def test_the_view_and_the_named_query_have_the_same_columns(synthetic_db: Path) -> None:
    with Database.open(synthetic_db) as db:
        assert db.query("leaderboard").columns == db.sql("select * from leaderboard").columns
        assert {"mla_rank", "mla_best_rank", "mla_worst_rank", "mla_tied_with"} <= set(
            db.sql("select * from leaderboard").columns
        )


def test_columns_and_limit_choose_what_is_printed(synthetic_db: Path) -> None:
    add_top1(synthetic_db, "full", ALL)
    code, stdout, stderr = invoke(
        "query", "leaderboard", "--columns", "model,top1_lower", "--limit", "1",
        "-f", "csv", "--db", synthetic_db,
    )  # fmt: skip
    assert code == 0
    header, first, *rest = csv.reader(io.StringIO(stdout))
    assert (header, first[0], rest) == (["model", "top1_lower"], "full", [])
    assert 0.9999 < float(first[1]) < 1  # Wilson's lower bound for 50,000 of 50,000
    assert stderr == "2 more rows: raise --limit to see them\n"

    code, stdout, _ = invoke("sql", "select 1 as a, 2 as b", "-c", "all", "-f", "json", "--db",
                             synthetic_db)  # fmt: skip
    assert (code, json.loads(stdout)) == (0, [{"a": 1, "b": 2}])

    code, stdout, stderr = invoke("query", "leaderboard", "-c", "mdoel", "--db", synthetic_db)
    assert (code, stdout) == (2, "")
    assert stderr == (
        "Error: --columns 'mdoel': not a column of this result; did you mean 'model'?\n"
    )


def test_a_table_taller_than_the_terminal_says_so_after_it(
    synthetic_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes = io.StringIO()
    monkeypatch.setattr(cli, "err", Console(file=notes, width=200, markup=False))
    for height, noted in ((10, True), (30, False)):
        text = io.StringIO()
        monkeypatch.setattr(
            cli, "out", Console(file=text, force_terminal=True, height=height, markup=False)
        )
        code, _, _ = invoke("sql", "select range as n from range(20)", "--db", synthetic_db)
        assert code == 0
        assert text.getvalue().split()[2:] == [str(n) for n in range(20)]  # every row
        expected = "20 rows, more than the terminal's 10 lines show: --limit 7 prints the first"
        assert notes.getvalue().startswith(expected) is noted, height
        notes.truncate(0)
        notes.seek(0)


def test_a_model_scored_on_a_few_images_leaves_every_other_models_summary_as_it_was(
    synthetic_db: Path,
) -> None:
    wrong_tenth = ALL.copy()
    wrong_tenth[::10] = (wrong_tenth[::10] + 1) % len(ID)
    add_top1(synthetic_db, "full", wrong_tenth)
    with Database.open(synthetic_db) as db:
        before = db.query("model_summary", {"model": "full"}).rows

    # Perfect on 3 images: it must not be "best of all models", nor rank above `full`.
    add_top1(synthetic_db, "r18_sub3", ALL[:3], images=[1, 2, 3])

    with Database.open(synthetic_db) as db:
        assert db.query("model_summary", {"model": "full"}).rows == before
        summary = db.query("model_summary", {"model": "r18_sub3"}).records()
        scatter = {row["model"] for row in db.query("field_scatter").records()}
        field = db.sql("select model from field_leaderboard where source = 'local'").rows
    top1 = next(row for row in summary if row["metric_id"] == "top1")
    # Ranked among the models on its own three images: itself.
    assert (top1["rank"], top1["models"], top1["best"]) == (1, 1, 1.0)
    assert re.fullmatch("subset-[0-9a-f]{8}", top1["image_set"])
    assert top1["published"] is None
    assert "r18_sub3" not in scatter and ("r18_sub3",) not in field


def test_models_on_the_same_subset_are_ranked_together(synthetic_db: Path) -> None:
    wrong_first = ALL[:4].copy()
    wrong_first[0] = (wrong_first[0] + 1) % len(ID)
    add_top1(synthetic_db, "sub_a", ALL[:4], images=[1, 2, 3, 4])
    add_top1(synthetic_db, "sub_b", wrong_first[::-1], images=[4, 3, 2, 1])  # the same set
    with Database.open(synthetic_db) as db:
        ranks = dict(
            db.sql(
                "select model, rank from metric_ranks where metric = 'top1' "
                "and model in ('sub_a', 'sub_b')"
            ).rows
        )
        sets = db.sql("select distinct image_set from models where model like 'sub_%'").rows
    assert ranks == {"sub_a": 1, "sub_b": 2}
    assert len(sets) == 1


def test_an_interval_from_one_image_is_wide(synthetic_db: Path) -> None:
    add_top1(synthetic_db, "one", ALL[:1], images=[1])
    with Database.open(synthetic_db) as db:
        bounds = db.sql(
            "select metric, lower, upper from model_metrics where model = 'one' "
            "and value is not null"
        ).rows
    assert {metric for metric, _, _ in bounds} >= {"top1", "mla", "mla_strict"}
    # Wilson's interval for 1 of 1 at 95%: [0.2065, 1], for a mean over classes too,
    # not the [1, 1] a variance of 0 would give.
    for metric, lower, upper in bounds:
        assert lower == pytest.approx(0.2065, abs=1e-4) and upper == pytest.approx(1.0), metric


def test_describe_lists_views_with_what_they_hold_and_a_ones_columns(synthetic_db: Path) -> None:
    code, stdout, _ = invoke("describe", "-f", "json", "--db", synthetic_db)
    objects = {row["name"]: row for row in json.loads(stdout)}
    assert code == 0
    assert objects["leaderboard"]["kind"] == "view" and objects["leaderboard"]["description"]
    assert objects["models"]["kind"] == "table"
    assert sum(row["kind"] == "view" for row in objects.values()) > 40

    code, stdout, _ = invoke("describe", "leaderboard", "-f", "json", "--db", synthetic_db)
    columns = {row["column"]: row for row in json.loads(stdout)}
    assert columns["mla_rank"]["type"] == "BIGINT" and columns["mla_rank"]["description"]

    code, stdout, stderr = invoke("describe", "leaderbord", "--db", synthetic_db)
    assert (code, stdout) == (2, "")
    assert stderr.startswith("Error: NAME 'leaderbord': not a table or view (")
    assert stderr.endswith("); did you mean 'leaderboard'?\n")


def test_shell_opens_the_duckdb_cli_read_only(synthetic_db: Path) -> None:
    with Database.open(synthetic_db) as db:
        ((models,),) = db.sql("select count(*) from leaderboard").rows
    before = fingerprint(synthetic_db)
    ran = subprocess.run(
        cli_process("shell", "--db", synthetic_db),
        input="select count(*) as n from leaderboard;\ncreate table mine (x int);\n",
        capture_output=True,
        text=True,
        check=False,
    )
    assert re.search(rf"│\s+{models}\s+│", ran.stdout), ran.stdout + ran.stderr
    assert "read-only" in ran.stderr
    assert fingerprint(synthetic_db) == before


def test_shell_without_the_duckdb_cli_says_so(
    synthetic_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shutil, "which", lambda *args, **kwargs: None)
    code, stdout, stderr = invoke("shell", "--db", synthetic_db)
    assert (code, stdout) == (3, "")
    assert stderr == "Error: duckdb: the DuckDB CLI is not installed (pip install duckdb-cli)\n"


def test_export_force_replaces_an_earlier_export_and_nothing_else(
    synthetic_db: Path, tmp_path: Path
) -> None:
    lake = tmp_path / "lake"
    lake.mkdir()  # an empty directory: --force takes it, as nothing in it is the user's
    assert invoke("export", lake, "--force", "--db", synthetic_db)[0] == 0
    assert (lake / "README.md").is_file()
    (lake / "tables" / "stale.parquet").write_bytes(b"from an older export")

    code, _, stderr = invoke("export", lake, "--db", synthetic_db)
    assert code == 2
    assert stderr == (
        f"Error: {lake}: already exists; export into a new directory, or --force to replace "
        "an earlier export\n"
    )
    assert invoke("export", lake, "--force", "--db", synthetic_db)[0] == 0
    assert not (lake / "tables" / "stale.parquet").exists()
    assert (lake / "tables" / "models.parquet").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["im.duckdb", "lake"]  # nothing else

    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("the user's")
    (mine / "tables").mkdir()
    code, _, stderr = invoke("export", mine, "--force", "--db", synthetic_db)
    assert code == 2
    assert stderr == (
        f"Error: {mine}: holds 'notes.txt', which export did not write; --force replaces only "
        "an earlier export\n"
    )
    assert (mine / "notes.txt").read_text() == "the user's"


def test_build_shows_progress_on_a_terminal_only(
    synthetic_mirror: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    terminal = io.StringIO()
    monkeypatch.setattr(cli, "err", Console(file=terminal, force_terminal=True, width=100))
    assert invoke("build", "--db", tmp_path / "a.duckdb", "--source-dir", synthetic_mirror)[0] == 0
    assert "Reading the sources" in terminal.getvalue()

    piped = io.StringIO()
    monkeypatch.setattr(cli, "err", Console(file=piped, force_terminal=False, width=100))
    assert invoke("build", "--db", tmp_path / "b.duckdb", "--source-dir", synthetic_mirror)[0] == 0
    assert piped.getvalue() == ""


@pytest.mark.parametrize("fmt", ["table", "csv", "json", "markdown"])
def test_a_reader_that_goes_away_ends_the_command_as_sigpipe_would(
    synthetic_db: Path, fmt: str
) -> None:
    """`query ... | head -2`: exit 141 (128 + SIGPIPE) in every format, nothing on stderr."""
    reader, writer = os.pipe()
    os.close(reader)  # gone before the first row is written
    try:
        ran = subprocess.run(
            cli_process("sql", "select range from range(100000)", "-f", fmt, "--db", synthetic_db),
            stdout=writer,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    finally:
        os.close(writer)
    assert (ran.returncode, ran.stderr) == (141, "")


HEAVY = ("pyarrow", "numpy", "pandas", "pydantic")


def heavy_modules(args: list[str], db: Path) -> list[str]:
    """Which of HEAVY a whole command's process loaded."""
    script = (
        "import sys, runpy\n"
        f"sys.argv = ['imagenet-mistakes', *{args!r}, *(['--db', {str(db)!r}]"
        f" if {args!r} != ['--help'] else [])]\n"
        "try:\n    runpy.run_module('imagenet_mistakes', run_name='__main__')\n"
        "except SystemExit as e:\n    assert not e.code, e.code\n"
        f"print('loaded:', *sorted(set({HEAVY!r}) & set(sys.modules)), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stderr.splitlines()[-1].split()[1:]


@pytest.mark.parametrize("args", [["--help"], ["sql", "select 1"], ["query", "models"]])
def test_a_command_that_reads_starts_without_arrow_numpy_or_pydantic(
    args: list[str], synthetic_db: Path
) -> None:
    """What start-up skips (issue 30; BENCHMARKS.md times it): Arrow and NumPy (0.15 s)
    are for adding models and notebooks, pydantic (0.08 s) came with Typer 0.29."""
    assert heavy_modules(args, synthetic_db) == []


def test_add_model_runs_without_pandas(synthetic_db: Path, tmp_path: Path) -> None:
    """pandas (0.3 s of a 2 s add-model, issue 34) reads timm's result files alone."""
    ids = tmp_path / "top1.npy"
    np.save(ids, ALL)
    assert heavy_modules(["add-model", "m", "--topk", str(ids)], synthetic_db) == [
        "numpy", "pyarrow",
    ]  # fmt: skip
