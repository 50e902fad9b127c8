"""The README's contract at the edges, and output that cannot lie.

A refused command prints one `Error:` line, nothing on stdout, exits with
the documented code and leaves the file as it was. Data is never read as
markup; JSON output is always JSON.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import numpy as np
import pytest

from imagenet_mistakes import Database
from imagenet_mistakes.cli import app
from imagenet_mistakes.errors import BadArgument
from tests.commands import invoke, runner
from tests.fingerprint import fingerprint


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    logits = tmp_path / "logits.npy"
    logits.write_bytes(b"not used: the arguments are refused first")
    dangling, loop = tmp_path / "dangling", tmp_path / "loop"
    dangling.symlink_to(tmp_path / "nowhere" / "x")
    loop.symlink_to(loop)
    return {
        "logits": logits,
        "dir": tmp_path,
        "missing": tmp_path / "missing.npy",
        "dangling": dangling,
        "loop": loop,
    }


# (arguments, what the line names); {db} and the files are filled in per test.
USAGE_ERRORS = [
    (["add-model", "x", "--logits", "{missing}"], "--logits: file"),
    (["add-model", "x", "--logits", "{dir}"], "--logits: file"),
    (["add-model", "x", "--logits", "x" * 1_000_000], "characters) does not exist"),
    (["query", "q" * 1_000_000], "(1,000,000 characters): not a named query"),
    (["add-model", "m" * 1_000_000, "--logits", "{logits}"], "has 1,000,000 characters"),
    (["add-model", "x"], "--logits, --topk, --predictions, --from-paper: give exactly one"),
    (["add-model", "x", "--logits", "{logits}", "--topk", "{logits}"], "give exactly one"),
    (["add-model", "x", "--logits", "{logits}", "--k", "abc"], "--k: "),
    (["add-model", "x", "--topk", "{logits}", "--k", "3"], "--k: goes with --logits"),
    (["add-model", "-x", "--logits", "{logits}"], "No such option: -x"),
    (["query", "leaderboard", "--format", "xml"], "--format: "),
    (["query", "model_summary", "-p", "model"], "--param: 'model' is not key=value"),
    (["query"], "Missing argument"),
    (["report", "m", "--out", "{dir}"], "--out: file"),
    (["build", "--source-dir", "{logits}"], "--source-dir "),
    (["sql", ""], "SQL: empty"),
    (["publish", "mysql://me:secret@host/db"], "URL: not a PostgreSQL connection string"),
    *[
        (["publish", "postgresql://me@127.0.0.1:1/db", "--schema", schema], "--schema ")
        for schema in ["", "public", "pg_catalog", "information_schema", "Upper", "x" * 55]
    ],
    (["no-such-command"], "No such command"),
    # Parameters, checked before the query runs.
    *[
        (["query", "worst_classes", "-p", "model=vit3b", "-p", f"limit={limit}"], "-p limit=")
        for limit in ["abc", "-1", "0", "99999999999", "\u0663", " 3", "1e3", ""]
    ],
    (
        ["query", "worst_classes", "-p", "model=vit3", "-p", "label_set=multilabel_v2"],
        "-p model='vit3': not a model of this database (greedy_soups, vit3b); did you mean",
    ),
    (
        ["query", "worst_classes", "-p", "model=vit3b", "-p", "label_set=multilabel_v2"],
        "did you mean 'multilabel_v3'?",
    ),
    (["query", "worst_classes", "-p", "model=vit3b", "-p", "model=vit3b"], "-p model: given twice"),
    (["query", "leaderboard", "-p", "=x"], "--param: '=x' is not key=value"),
    (["query", "leaderbord"], "QUERY 'leaderbord': not a named query (see `queries`); did"),
    (["query", "../queries/leaderboard"], "QUERY '../queries/leaderboard': not a named query"),
    (["report", "vit3"], "MODEL 'vit3': not a model of this database (greedy_soups, vit3b); did"),
    # The paper's models, known from their mistakes alone, are not the user's to remove.
    (
        ["remove-model", "vit3b"],
        "MODEL 'vit3b': not a model with predictions (there are none); 'vit3b' is one of the "
        "paper's categorised models",
    ),
    # Formats.
    (["info", "--format", "csv"], "--format csv: this output is several tables"),
    (["models", "--format", "xml"], "--format: "),
    (["sql", "select 1", "--format", "html"], "--format: "),
    (["export", "{dir}", "--format", "csv"], "--format: "),
    # Where output goes.
    (["export", "{dir}"], "already exists; export into a new directory"),
    (["export", "{dir}/missing/lake"], "missing: no such directory"),
    (["export", "{logits}/lake"], "logits.npy: not a directory"),
    (["export", "{dangling}"], "already exists; export into a new directory"),
    (["report", "vit3b", "--out", "{dir}/missing/r.html"], "missing: no such directory"),
    (["report", "vit3b", "--out", "{logits}/r.html"], "logits.npy: not a directory"),
    (["report", "vit3b", "--out", "{dangling}"], "nowhere: no such directory"),
    # Files and model arguments of add-model and build.
    (["add-model", "x", "--topk", "{logits}", "--order", "{missing}"], "--order: file"),
    (["add-model", "x", "--predictions", "{dir}"], "--predictions: file"),
    (["add-model", "x", "--logits", "{logits}", "--k", "0"], "--k 0 must be between 1 and 1000"),
    (["add-model", "x", "--logits", "{logits}", "--k", "1001"], "--k 1001 must be between"),
    (["add-model", "X", "--logits", "{logits}"], "must be lowercase letters, digits"),
    (["add-model", "a b", "--logits", "{logits}"], "must be lowercase letters, digits"),
    (["add-model", "vit3b", "--from-paper", "--logits", "{logits}"], "give exactly one"),
    (["add-model", "x", "--topk", "{logits}", "--row-order", "by-wnid"], "--row-order: "),
    (["add-model", "x", "--topk", "{logits}", "--class-order", "caffe"], "--class-order: "),
    (
        ["add-model", "x", "--predictions", "{logits}", "--row-order", "class-folder"],
        "--row-order: goes with --logits or --topk",
    ),
    (
        ["add-model", "x", "--predictions", "{logits}", "--background-first"],
        "--background-first: goes with --logits or --topk",
    ),
    (
        [
            "add-model",
            "x",
            "--topk",
            "{logits}",
            "--order",
            "{logits}",
            "--row-order",
            "class-folder",
        ],
        "--row-order: --order names each row's image already",
    ),
    (["add-zoo", "imagenetv3"], "ZOO 'imagenetv3': not a zoo (imagenetv2, timm2022); did you mean"),
    (
        ["add-zoo", "imagenetv2", "--models", "resnet5"],
        "--models 'resnet5': not a model of imagenetv2; did you mean 'resnet50'?",
    ),
    (["build", "--multilabel", "/dev/null"], "/dev/null: not a regular file"),
    (["build", "--multilabel", "{dir}"], "--multilabel: file"),
    (["build", "--source-dir", "{loop}"], "--source-dir "),
    (["build", "--source-dir", "{missing}"], "--source-dir "),
    (["build", "--cache-dir", "{logits}"], "--cache-dir "),
    (["build", "--tfds-data-dir", "{missing}"], "--tfds-data-dir: "),
]


@pytest.mark.parametrize(("args", "named"), USAGE_ERRORS, ids=lambda a: str(a)[:40])
def test_usage_errors_are_one_line_exit_2_and_change_nothing(
    args: list[str], named: str, files: dict[str, Path], synthetic_db: Path
) -> None:
    before = fingerprint(synthetic_db)
    filled = [a.format(**files) for a in args]
    code, stdout, stderr = invoke(*filled, "--db", synthetic_db)
    assert (code, stdout) == (2, ""), stderr
    assert len(stderr.splitlines()) == 1 and stderr.startswith("Error: "), stderr
    assert len(stderr) <= 310 and stderr.rstrip("\n").isprintable(), stderr
    # Click's own words start with a capital in some versions ("File '…' does not exist").
    assert named.lower() in stderr.lower()
    assert fingerprint(synthetic_db) == before


def test_values_are_printed_as_written_never_as_markup(synthetic_db: Path) -> None:
    sql = "select '[bold red]hi [/x]' as \"[b]\""
    code, stdout, stderr = invoke("sql", sql, "--db", synthetic_db)
    assert code == 0, stderr
    assert "[bold red]hi [/x]" in stdout and "[b]" in stdout


def test_json_output_is_json_whatever_the_values(synthetic_db: Path) -> None:
    sql = "select 'nan'::double as a, ['inf'::double, 1.5] as b, 1 as c, 2 as c"
    code, stdout, stderr = invoke("sql", sql, "--format", "json", "--db", synthetic_db)
    assert code == 0, stderr
    # json.loads accepts NaN; a strict parser (JavaScript's, jq) does not.
    strict = json.loads(stdout, parse_constant=lambda name: pytest.fail(f"{name} in JSON"))
    assert strict == [{"a": None, "b": [None, 1.5], "c": 1, "c_2": 2}]


def test_sql_reads_the_database_and_nothing_else(synthetic_db: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.duckdb"
    shutil.copy(synthetic_db, other)
    written = tmp_path / "written"
    refused = [
        f"attach '{other}' as other (read_write)",
        f"copy (select 1) to '{written}.csv'",
        f"export database '{written}'",
        f"select * from read_csv('{synthetic_db}')",
        "set threads = 1",
        "set enable_external_access = true",
        "install httpfs",
        "delete from models",
        "create table main.t as select 1",
    ]
    before, other_before = fingerprint(synthetic_db), fingerprint(other)
    for statement in refused:
        code, stdout, stderr = invoke("sql", statement, "--db", synthetic_db)
        assert (code, stdout) == (1, ""), (statement, stdout)
        assert len(stderr.splitlines()) == 1 and stderr.startswith("Error: "), stderr
    assert fingerprint(synthetic_db) == before and fingerprint(other) == other_before
    assert not list(tmp_path.glob("written*"))
    # Reading still works, and the file's own name qualifies its tables.
    code, stdout, _ = invoke("sql", "select count(*) as n from im.models", "--db", synthetic_db)
    assert code == 0 and "n" in stdout


def test_sql_wants_a_database_opened_read_only(synthetic_db: Path) -> None:
    with (
        Database.open(synthetic_db, write=True) as db,
        pytest.raises(BadArgument, match="read-only"),
    ):
        db.sql("select 1")


def test_an_unexpected_error_is_one_line_that_says_it_is_a_bug(
    synthetic_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: Database) -> None:
        raise ValueError("boom\nsecond line")

    monkeypatch.setattr(Database, "models", broken)
    code, stdout, stderr = invoke("models", "--db", synthetic_db)
    assert (code, stdout) == (1, "")
    assert stderr.startswith("Error: models: unexpected ValueError: boom second line (a bug")
    assert len(stderr.splitlines()) == 1
    # Asked for, the traceback is there.
    monkeypatch.setenv("IMAGENET_MISTAKES_DEBUG", "1")
    result = runner.invoke(app, ["models", "--db", str(synthetic_db)])
    assert isinstance(result.exception, ValueError)


def _bad_files(folder: Path) -> dict[str, tuple[list[str], Path]]:
    """Files that are wrong inside, with the add-model options that read them."""
    row = "ILSVRC2012_val_00000001.JPEG,1"
    made: dict[str, tuple[list[str], Path]] = {}
    for name, score in [("score_high", "1.5"), ("score_inf", "inf"), ("score_negative", "-0.1")]:
        path = folder / f"{name}.csv"
        path.write_text(f"file_name,class_id,score\n{row},{score}\n")
        made[name] = (["--predictions", str(path)], path)
    npz = folder / "member.npz"
    with zipfile.ZipFile(npz, "w") as archive:
        archive.writestr("logits.npy", b"not .npy data")
    made["npz_member"] = (["--logits", str(npz)], npz)
    top5 = folder / "top5.npy"
    np.save(top5, np.zeros((1, 5), np.int64))
    for name, text in [("deep", "[" * 100_000 + "]" * 100_000), ("bigint", "[" + "9" * 5000 + "]")]:
        order = folder / f"{name}.json"
        order.write_text(text)
        made[f"order_{name}"] = (["--topk", str(top5), "--order", str(order)], order)
    return made


@pytest.mark.parametrize(
    "case",
    ["score_high", "score_inf", "score_negative", "npz_member", "order_deep", "order_bigint"],
)
def test_a_file_wrong_inside_is_one_line_naming_it(
    case: str, synthetic_db: Path, tmp_path: Path
) -> None:
    options, named = _bad_files(tmp_path)[case]
    before = fingerprint(synthetic_db)
    code, stdout, stderr = invoke("add-model", "m", *options, "--db", synthetic_db)
    assert (code, stdout) == (1, ""), stderr
    assert len(stderr.splitlines()) == 1 and stderr.startswith(f"Error: {named}: "), stderr
    assert fingerprint(synthetic_db) == before


def test_a_variable_for_an_option_a_command_does_not_use_fails_nothing(
    synthetic_db: Path, synthetic_mirror: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Set in a shell's profile for `build`, a mirror that is gone or a cache that is a file
    is checked only by the commands that read them."""
    predictions = tmp_path / "predictions.csv"
    predictions.write_text("file_name,class_id\nILSVRC2012_val_00000001.JPEG,3\n")
    monkeypatch.setenv("IMAGENET_MISTAKES_SOURCE_DIR", str(tmp_path / "gone"))
    monkeypatch.setenv("IMAGENET_MISTAKES_CACHE_DIR", str(predictions))
    code, _, stderr = invoke("add-model", "x", "--predictions", predictions, "--db", synthetic_db)
    assert code == 0, stderr
    monkeypatch.delenv("IMAGENET_MISTAKES_SOURCE_DIR")
    built = tmp_path / "built.duckdb"
    code, _, stderr = invoke("build", "--source-dir", synthetic_mirror, "--db", built)
    assert code == 0 and built.is_file(), stderr
