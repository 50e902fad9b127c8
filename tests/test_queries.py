"""Named queries and ad hoc SQL from the command line: formats, parameters, read-only."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import duckdb
import pytest

from imagenet_mistakes import Database, named_queries, predictions
from tests import synthetic
from tests.commands import invoke


@pytest.fixture
def db_with_model(synthetic_db: Path, tmp_path: Path) -> Path:
    preds = tmp_path / "p.csv"
    preds.write_text(
        "file_name,class_id,score\n"
        + "".join(f"{synthetic.image(n)},{synthetic.WNIDS.index(synthetic.label(n))},0.9\n"
                  for n in range(1, 6))
        + f"{synthetic.image(1)},7,0.1\n"
    )  # fmt: skip
    with Database.open(synthetic_db, write=True) as database:
        database.add_model("tiny", predictions.from_table(preds), source=str(preds))
    return synthetic_db


@pytest.mark.parametrize("query", [q.name for q in named_queries.catalogue()])
def test_every_named_query_runs_and_declares_its_parameters(
    db_with_model: Path, query: str
) -> None:
    named = named_queries.get(query)
    with duckdb.connect(str(db_with_model), read_only=True) as con:
        (statement,) = con.extract_statements(named.sql)
    assert set(named.parameters) == statement.named_parameters
    # Every parameter without a default names a model (ours, or one the paper categorised),
    # a table or a category.
    example = {
        "model": "tiny",
        "predicted_model": "tiny",
        "categorised_model": "vit3b",
        "object": "leaderboard",
        "category": "fine-grained",
    }
    params = {k: example[p.kind] for k, p in named.parameters.items() if p.default is None}
    with Database.open(db_with_model) as database:
        columns = database.query(query, params).columns
    assert columns
    # What the table shows by default is among what the query returns.
    assert set(named.shows or []) <= set(columns)


def test_machine_formats_carry_only_the_rows(db_with_model: Path) -> None:
    with duckdb.connect(str(db_with_model), read_only=True) as con:
        expected = con.execute(
            "select model, top1, images from leaderboard order by model"
        ).fetchall()
    sql = "select model, top1, images from leaderboard order by model"

    code, stdout, _ = invoke("sql", sql, "--db", db_with_model, "--format", "csv")
    assert code == 0
    rows = list(csv.reader(io.StringIO(stdout)))
    assert rows[0] == ["model", "top1", "images"]
    assert [(m, float(t) if t else None, int(i) if i else None) for m, t, i in rows[1:]] == expected

    code, stdout, _ = invoke("sql", sql, "--db", db_with_model, "--format", "json")
    assert code == 0
    assert [tuple(r.values()) for r in json.loads(stdout)] == expected

    code, stdout, _ = invoke("sql", sql, "--db", db_with_model, "--format", "markdown")
    assert code == 0
    lines = stdout.splitlines()
    # Numbers right-aligned.
    assert lines[:2] == ["| model | top1 | images |", "|---|---:|---:|"]
    assert len(lines) == 2 + len(expected)


def test_query_binds_parameters_and_applies_defaults(db_with_model: Path) -> None:
    code, stdout, stderr = invoke(
        "query", "worst_classes", "-p", "model=tiny", "-p", "limit=2",
        "--db", db_with_model, "--format", "json",
    )  # fmt: skip
    assert code == 0, stderr
    rows = json.loads(stdout)
    # Images 1, 2, 4, 5 are in scope and all right; label set defaults to multilabel_v3.
    assert len(rows) == 2 and all(r["lenient_accuracy"] == 1.0 for r in rows)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["query", "nope"], "Error: QUERY 'nope': not a named query (see `queries`)"),
        (["query", "model_summary"], "Error: -p model: query model_summary needs it"),
        (["query", "leaderboard", "-p", "x=1"], "Error: -p x: query leaderboard has no such"),
        # Checked before the query runs: a misspelt name is not an empty answer.
        (
            ["query", "model_summary", "-p", "model=tiyn"],
            "Error: -p model='tiyn': not a model of this database (greedy_soups, tiny, vit3b); "
            "did you mean 'tiny'?",
        ),
        (
            ["query", "worst_classes", "-p", "model=tiny", "-p", "label_set=mutlilabel_v3"],
            "Error: -p label_set='mutlilabel_v3': not a label set (clean_validation, "
            "cleanlab_mturk, finegrained, multilabel_v3, original and 1 more); "
            "did you mean 'multilabel_v3'?",
        ),
        (
            ["query", "remaining_mistakes", "-p", "model=vit3b"],
            "Error: -p model='vit3b': not a model with predictions (tiny); 'vit3b' is one of the "
            "paper's categorised models",
        ),
        (
            ["query", "mistake_breakdown", "-p", "model=tiny"],
            "Error: -p model='tiny': not one of the paper's categorised models (greedy_soups, "
            "vit3b); 'tiny' is a model with predictions",
        ),
        (
            ["query", "model_summary", "-p", "model=tiny", "-p", "model=vit3b"],
            "Error: -p model: given twice ('tiny', then 'vit3b')",
        ),
        *[
            (
                ["query", "model_confusions", "-p", "model=tiny", "-p", f"limit={limit}"],
                f"Error: -p limit='{limit}': must be a whole number of rows, 1 to 1,000,000",
            )
            for limit in ["abc", "-1", "0", "99999999999", "\u0663", "1.5", ""]
        ],
    ],
)
def test_query_mistakes_are_one_line_exit_2(
    db_with_model: Path, args: list[str], message: str
) -> None:
    code, stdout, stderr = invoke(*args, "--db", db_with_model)
    assert (code, stdout) == (2, ""), stderr
    assert stderr.startswith(message) and len(stderr.splitlines()) == 1, stderr


def test_sql_is_read_only_and_errors_are_one_line(db_with_model: Path) -> None:
    before = db_with_model.read_bytes()
    code, stdout, stderr = invoke("sql", "delete from models", "--db", db_with_model)
    assert (code, stdout) == (1, "")
    assert stderr.startswith("Error: ") and len(stderr.strip().splitlines()) == 1
    assert "read-only" in stderr
    assert db_with_model.read_bytes() == before
    code, _, stderr = invoke("sql", "select nonsense from leaderboard", "--db", db_with_model)
    assert code == 1 and len(stderr.strip().splitlines()) == 1


def test_queries_lists_every_query(db_with_model: Path) -> None:
    code, stdout, _ = invoke("queries", "--format", "csv")
    assert code == 0
    listed = [row[0] for row in csv.reader(io.StringIO(stdout))][1:]
    assert listed == [q.name for q in named_queries.catalogue()]
    assert {"leaderboard", "model_summary", "worst_classes", "imagenet_m"} <= set(listed)


def test_list_and_struct_columns_parse_back_from_csv_and_json(db_with_model: Path) -> None:
    """A list or struct cell is JSON inside the CSV cell, and a real array or object in
    JSON: both parse back (csv, then json) to what DuckDB holds, not to Python's repr."""
    sql = (
        "select 1 as id, [1, 2, null] as ids, {'class': 'cairn', 'score': null} as top, "
        "[{'class': 'x[1]', 'score': 0.5}] as cards, ['a,\"b\"'] as names "
        "union all select 2, [], {'class': null, 'score': 1.5}, [], []"
    )
    with duckdb.connect(str(db_with_model), read_only=True) as con:
        relation = con.sql(sql + " order by id")
        columns = [d[0] for d in relation.description]
        expected = [dict(zip(columns, row, strict=True)) for row in relation.fetchall()]

    code, stdout, _ = invoke("sql", sql + " order by id", "--db", db_with_model, "--format", "csv")
    assert code == 0
    parsed = [
        {k: int(v) if k == "id" else json.loads(v) for k, v in row.items()}
        for row in csv.DictReader(io.StringIO(stdout))
    ]
    assert parsed == expected

    code, stdout, _ = invoke("sql", sql + " order by id", "--db", db_with_model, "--format", "json")
    assert code == 0
    assert json.loads(stdout) == expected
