"""The command line: help, bad input, atomic replacement, and `info`."""

from __future__ import annotations

import io
import json
from importlib.metadata import version
from pathlib import Path

import pytest
from rich.console import Console
from typer.main import get_command

from imagenet_mistakes import Database, cli, named_queries, predictions
from imagenet_mistakes.cli import app
from tests import synthetic
from tests.commands import invoke


@pytest.mark.parametrize("command", sorted(get_command(app).commands))  # type: ignore[attr-defined]
def test_every_command_has_help_with_an_example(command: str) -> None:
    code, stdout, _ = invoke(command, "--help")
    assert code == 0 and "Example:" in stdout


def test_build_then_info(synthetic_mirror: Path, tmp_path: Path) -> None:
    db = tmp_path / "im.duckdb"
    code, stdout, stderr = invoke("build", "--db", db, "--source-dir", synthetic_mirror)
    assert code == 0, stderr
    assert stdout == ""
    code, stdout, stderr = invoke("info", "--db", db)
    assert code == 0, stderr
    assert "human_accuracy_v3" in stdout and "image_labels" in stdout


@pytest.mark.slow  # builds from a mirror of its own
def test_info_says_what_is_missing(tmp_path: Path) -> None:
    mirror = synthetic.write_mirror(tmp_path / "mirror", canonical=False)
    db = tmp_path / "im.duckdb"
    assert invoke("build", "--db", db, "--source-dir", mirror)[0] == 0
    code, stdout, _ = invoke("info", "--db", db, "--format", "json")
    assert code == 0
    info = json.loads(stdout)
    assert list(info) == ["sources", "tables", "notes", "missing"]
    assert info["missing"] == [
        {
            "missing": "ImageNet-M list",
            "reason": "not available from the multi-label source used (tfds_multilabel_dump)",
        }
    ]


def test_info_without_a_database_says_how_to_make_one(tmp_path: Path) -> None:
    code, stdout, stderr = invoke("info", "--db", tmp_path / "none.duckdb")
    assert code == 3 and stdout == ""
    assert stderr.strip() == (
        f"Error: {tmp_path / 'none.duckdb'}: no database here; run `imagenet-mistakes build` first"
    )


def _bad_dump_class(path: Path) -> None:
    path.write_text(path.read_text().replace('"', "").replace(",True,", ",True,1000", 1))


def test_bad_dump_row_names_the_line(tmp_path: Path) -> None:
    mirror = synthetic.write_mirror(tmp_path / "mirror", canonical=False)
    dump = mirror / "multilabel/tfds_imagenet2012_multilabel_validation_dump.csv"
    _bad_dump_class(dump)
    code, _, stderr = invoke("build", "--db", tmp_path / "im.duckdb", "--source-dir", mirror)
    assert code == 1
    assert f"Error: {dump}: 1000 is not a class id 0..999" in stderr
    assert not (tmp_path / "im.duckdb").exists()


def test_a_missing_mirror_file_is_named(synthetic_mirror: Path, tmp_path: Path) -> None:
    real_json = synthetic_mirror / "reassessed-imagenet/real.json"
    real_json.unlink()
    code, _, stderr = invoke(
        "build", "--db", tmp_path / "im.duckdb", "--source-dir", synthetic_mirror
    )
    assert code == 3
    assert f"Error: {real_json}: not in the source mirror (real)" in stderr


def test_multilabel_and_tfds_data_dir_exclude_each_other(
    synthetic_mirror: Path, tmp_path: Path
) -> None:
    multilabel = synthetic_mirror / "multilabel" / "human_accuracy_v3.0.0.json"
    db = tmp_path / "im.duckdb"
    code, _, stderr = invoke(
        "build", "--db", db, "--source-dir", synthetic_mirror,
        "--multilabel", multilabel, "--tfds-data-dir", tmp_path,
    )  # fmt: skip
    assert code == 2
    assert "--multilabel, --tfds-data-dir: give one or the other, not both" in stderr
    assert not db.exists()


@pytest.mark.parametrize("width", [80, 200])
@pytest.mark.parametrize(
    "args",
    [
        ["info"],
        ["models"],
        ["queries"],
        ["describe"],
        ["describe", "leaderboard"],
        ["query", "leaderboard"],
        ["query", "model_summary", "-p", "model=a_model_with_a_long_name"],
    ],
)
def test_tables_stay_readable_at_80_and_200_columns(
    args: list[str],
    width: int,
    synthetic_db: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    preds = tmp_path / "p.csv"
    preds.write_text(f"file_name,class_id\n{synthetic.image(1)},3\n")
    source = str(tmp_path / ("a_long_folder_name" * 4) / "logits_of_my_model.npy")
    with Database.open(synthetic_db, write=True) as db:
        db.add_model("a_model_with_a_long_name", predictions.from_table(preds), source=source)
    screen = io.StringIO()
    console = Console(file=screen, width=width, markup=False, highlight=False)
    monkeypatch.setattr(cli, "out", console)
    with_db = [*args, "--db", synthetic_db] if args != ["queries"] else args

    code, _, stderr = invoke(*with_db)

    assert code == 0, stderr
    text = screen.getvalue()
    assert text and all(len(line) <= width for line in text.splitlines())
    # What a reader looks for is whole: every column shown and every key (first) value.
    shows = named_queries.get(args[1]).shows if args[0] == "query" else None
    sections = json.loads(invoke(*with_db, "--format", "json")[1])
    for records in sections.values() if isinstance(sections, dict) else [sections]:
        for record in records:
            first = next(iter(record.values()))
            assert str(first) in text
            assert all(column in text for column in shows or record)


def test_version_is_the_installed_distributions() -> None:
    code, stdout, stderr = invoke("--version")
    assert (code, stdout, stderr) == (0, f"imagenet-mistakes {version('imagenet-mistakes')}\n", "")
