"""The file records its schema version: other and foreign files get one line; build upgrades."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from imagenet_mistakes import Database
from imagenet_mistakes.errors import BadArgument
from imagenet_mistakes.registry import Inputs
from tests.commands import invoke

# Databases written by the package at commit a29f4e2, before files had
# versions, and by 0.2.0 at 3a08d8b, the last with a row per rank in predictions.
OLD = Path(__file__).parent / "data" / "database_a29f4e2"
V02 = Path(__file__).parent / "data" / "database_3a08d8b"
UPGRADE = "run `imagenet-mistakes build` to upgrade (models are kept)"
# The leaderboard's figures of the model each holds, as its package stored them.
FIGURES = (
    "top1, top5, real, mla, mla_micro, mla_strict, imagenet_m_correct, "
    "imagenet_m_total, images, real_images, mla_images, mla_classes"
)
STORED_FIGURES = {
    OLD: f"select {FIGURES} from model_metrics_snapshot where model = 'legacy_model'",
    V02: f"select {FIGURES} from leaderboard where model = 'legacy_model'",
}


def imported(dump: Path, tmp_path: Path) -> Path:
    db = tmp_path / "old.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute(f"import database '{dump}'")
    return db


@pytest.fixture
def old_db(tmp_path: Path) -> Path:
    return imported(OLD, tmp_path)


def test_a_file_from_before_versions_asks_for_build(old_db: Path) -> None:
    code, stdout, stderr = invoke("query", "leaderboard", "--db", old_db)
    assert (code, stdout) == (2, "")
    expected = f"built by imagenet-mistakes before 0.2 (no schema version); {UPGRADE}"
    assert stderr == f"Error: {old_db}: {expected}\n"


def test_a_file_of_0_2_asks_for_build(tmp_path: Path) -> None:
    db = imported(V02, tmp_path)
    code, stdout, stderr = invoke("models", "--db", db)
    assert (code, stdout) == (2, "")
    (line,) = stderr.splitlines()
    assert line.startswith(f"Error: {db}: built by imagenet-mistakes 0.2.0 (schema ")
    assert line.endswith(UPGRADE)


@pytest.mark.parametrize("dump", [OLD, V02], ids=["a29f4e2", "0.2.0"])
def test_build_upgrades_it_keeping_its_model_and_numbers(
    dump: Path, tmp_path: Path, synthetic_mirror: Path
) -> None:
    old_db = imported(dump, tmp_path)
    with duckdb.connect(str(old_db), read_only=True) as con:
        (added,) = con.execute("select * from models").fetchall()
        # The figures the old package stored when the model was added: the reference.
        (old,) = con.execute(STORED_FIGURES[dump]).fetchall()
        predictions = con.execute("select * from predictions order by all").fetchall()

    code, _, stderr = invoke("build", "--db", old_db, "--source-dir", synthetic_mirror)
    assert code == 0, stderr

    with Database.open(old_db) as database:
        assert database.models().rows == [
            (added[0], added[1], added[4], added[5], added[3], added[2])
        ]
        (new,) = database.sql(STORED_FIGURES[V02]).rows
        assert new == old
        # Its rows per rank are now a row per image, the same predictions.
        assert (
            database.sql(
                "select model, image_number, unnest(generate_series(1, len(classes))), "
                "unnest(classes), unnest(coalesce(scores, [null for c in classes])) "
                "from predictions order by all"
            ).rows
            == predictions
        )


def test_a_file_of_another_schema_names_its_version(synthetic_db: Path) -> None:
    with duckdb.connect(str(synthetic_db)) as con:
        con.execute(
            "update build_info set package_version = '9.9', schema_version = 'aaaa0000aaaa0000'"
        )
    code, stdout, stderr = invoke("models", "--db", synthetic_db)
    assert (code, stdout) == (2, "")
    (line,) = stderr.splitlines()
    assert line.startswith(
        f"Error: {synthetic_db}: built by imagenet-mistakes 9.9 (schema aaaa0000aaaa0000), this is "
    )
    assert line.endswith(UPGRADE)


def test_a_foreign_duckdb_file_is_refused_and_never_replaced(
    tmp_path: Path, synthetic_mirror: Path
) -> None:
    db = tmp_path / "theirs.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute("create table notes as select 'keep me' as note")
    code, stdout, stderr = invoke("query", "leaderboard", "--db", db)
    assert (code, stdout, stderr) == (
        2, "", f"Error: {db}: a DuckDB database imagenet-mistakes did not build\n"
    )  # fmt: skip
    with pytest.raises(BadArgument, match="did not build; refusing to replace it"):
        Database.build(db, _inputs(synthetic_mirror, tmp_path))
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select note from notes").fetchall() == [("keep me",)]


def _inputs(mirror: Path, tmp_path: Path) -> Inputs:
    return Inputs(source_dir=mirror, cache_dir=tmp_path / "cache")
