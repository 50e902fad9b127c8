"""Faults, in real processes: `kill -9` during writes, and readers racing writers.

DuckDB's write-ahead log and one transaction per command should make every
crash leave a model whole or absent; these tests kill the CLI at spread-out
moments and check that it does.
"""

from __future__ import annotations

import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import numpy as np
import pytest

from imagenet_mistakes import Database, ImagenetMistakesError, predictions, storage
from imagenet_mistakes.errors import SourceFormatError
from imagenet_mistakes.loaders import arrays
from tests import synthetic
from tests.commands import cli, timed
from tests.fingerprint import MODEL_TABLES, fingerprint, model_state

TOP_K = 5
LOG_LINES = ("INFO: ", "WARNING: ")


def killed_after(delay: float, *args: str | Path) -> bool:
    """Start the command, SIGKILL it after `delay` seconds; whether it was still running."""
    process = subprocess.Popen(cli(*args), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    running = process.poll() is None
    process.kill()
    process.wait()
    return running


def without_models(content: dict[str, object]) -> dict[str, object]:
    return {table: value for table, value in content.items() if table not in MODEL_TABLES}


def test_add_model_killed_at_any_moment_leaves_it_whole_or_absent(
    synthetic_db: Path, logits: Path, tmp_path: Path
) -> None:
    spare = tmp_path / "spare.duckdb"
    shutil.copy(synthetic_db, spare)
    # The shorter of a cold and a warm run, so that nearly every kill lands mid-run.
    duration = min(
        timed("add-model", "timing", "--logits", logits, "--db", spare),
        timed("add-model", "kept", "--logits", logits, "--db", synthetic_db),
    )
    base = without_models(fingerprint(synthetic_db))
    complete = 50_000

    rng = random.Random(6)
    landed, outcomes = 0, {"absent": 0, "whole": 0}
    # Trials are bounded by CI's 15 minutes: one in each seventh of a run.
    trials = 7
    for trial in range(trials):
        delay = 0.95 * duration * (trial + rng.random()) / trials
        landed += killed_after(delay, "add-model", f"m{trial}", "--logits", logits,
                               "--db", synthetic_db)  # fmt: skip
        rows, problems = model_state(synthetic_db)
        assert problems == [], (trial, delay)
        assert rows.pop("kept") == complete
        state = rows.pop(f"m{trial}", 0)
        assert state in (0, complete), (trial, delay, state)
        outcomes["whole" if state else "absent"] += 1
        assert all(count == complete for count in rows.values())  # earlier survivors
        assert without_models(fingerprint(synthetic_db)) == base
    assert landed >= trials * 2 // 3 and outcomes["absent"] >= 1, (landed, outcomes)
    # The file takes writes again.
    subprocess.run(cli("add-model", "after", "--logits", logits, "--db", synthetic_db), check=True)
    assert model_state(synthetic_db)[0]["after"] == complete


def test_build_killed_at_any_moment_leaves_the_previous_database(
    synthetic_db: Path, synthetic_mirror: Path, logits: Path, tmp_path: Path
) -> None:
    subprocess.run(cli("add-model", "kept", "--logits", logits, "--db", synthetic_db), check=True)
    before = synthetic_db.read_bytes()
    duration = timed("build", "--db", tmp_path / "timing.duckdb", "--source-dir", synthetic_mirror)

    rng = random.Random(6)
    trials = 3
    for trial in range(trials):
        inode = synthetic_db.stat().st_ino
        killed_after(duration * (trial + rng.random()) / trials, "build", "--db", synthetic_db,
                     "--source-dir", synthetic_mirror)  # fmt: skip
        if synthetic_db.stat().st_ino == inode:
            assert synthetic_db.read_bytes() == before
        else:  # killed after the rename: the new database is complete
            rows, problems = model_state(synthetic_db)
            assert (rows, problems) == ({"kept": 50_000}, [])
            before = synthetic_db.read_bytes()

    subprocess.run(cli("build", "--db", synthetic_db, "--source-dir", synthetic_mirror), check=True)
    leftovers = [p.name for p in synthetic_db.parent.iterdir() if p.name.startswith(".")]
    assert leftovers == []  # the killed builds' temporary files are gone


def test_a_write_racing_build_lands_in_the_new_file_or_says_it_did_not(
    synthetic_db: Path, synthetic_mirror: Path, logits: Path, tmp_path: Path
) -> None:
    """build holds the file from reading its models to the rename: no write in between is lost."""
    # Models of 50,000 images make carrying the models over take a while.
    kept = {"kept", "kept2"}
    for model in kept:
        subprocess.run(
            cli("add-model", model, "--logits", logits, "--db", synthetic_db), check=True
        )
    preds = tmp_path / "p.csv"
    preds.write_text("file_name,class_id\nILSVRC2012_val_00000001.JPEG,1\n")
    spare = tmp_path / "spare.duckdb"
    shutil.copy(synthetic_db, spare)
    build_time = timed("build", "--db", spare, "--source-dir", synthetic_mirror)
    rng = random.Random(6)
    trials = 2  # an add, then the removal of what it added
    expected = set(kept)
    for trial in range(trials):
        # Alternately add a model and remove the one added before, started in the
        # later part of the build, so that they commit (about a second later) while
        # it carries the models over and renames the new file into place.
        writer: list[str | Path]
        if trial % 2 == 0:
            writer, change = ["add-model", f"m{trial}", "--predictions", preds], f"m{trial}"
        else:
            writer, change = ["remove-model", f"m{trial - 1}"], f"m{trial - 1}"
        build_run = subprocess.Popen(
            cli("build", "--db", synthetic_db, "--source-dir", synthetic_mirror),
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        time.sleep(build_time * (0.4 + 0.6 * (trial + rng.random()) / trials))
        written = subprocess.run(cli(*writer, "--db", synthetic_db), capture_output=True, text=True)
        _, build_errors = build_run.communicate()
        assert build_run.returncode == 0, build_errors
        if written.returncode == 0:
            if writer[0] == "add-model":
                expected.add(change)
            else:
                expected.discard(change)
        else:  # it waited for the lock, then said so in one line
            assert written.stdout == "" and len(written.stderr.splitlines()) == 1, written
            assert written.stderr.startswith(f"Error: {synthetic_db}: cannot open"), written
        rows, problems = model_state(synthetic_db)
        assert (set(rows), problems) == (expected, []), (trial, written)


READER_SQL = """
select models.model, models.images as expected,
    (select count(*) from predictions where predictions.model = models.model) as rows,
    (select count(*) from leaderboard where leaderboard.model = models.model) as on_leaderboard
from models
union all
select model, 0, count(*), 0 from predictions
where model not in (select model from models) group by model
"""


def test_a_reader_never_sees_part_of_a_model(
    synthetic_db: Path, logits: Path, tmp_path: Path
) -> None:
    writes: list[subprocess.CompletedProcess[str]] = []
    # The writer goes on until the reader has read ten times, however fast either runs.
    read_enough = threading.Event()

    def writer() -> None:
        round_ = 0
        while round_ < 2 or not read_enough.is_set():
            round_ += 1
            for name in ("a", "b"):
                writes.append(subprocess.run(
                    cli("add-model", name, "--logits", logits, "--replace", "--db", synthetic_db),
                    capture_output=True, text=True,
                ))  # fmt: skip
            writes.append(subprocess.run(
                cli("remove-model", "a" if round_ % 2 else "b", "--db", synthetic_db),
                capture_output=True, text=True,
            ))  # fmt: skip

    thread = threading.Thread(target=writer)
    thread.start()
    polls, locked = 0, 0
    while thread.is_alive():
        read = subprocess.run(
            cli("sql", READER_SQL, "--format", "json", "--db", synthetic_db),
            capture_output=True, text=True,
        )  # fmt: skip
        polls += 1
        if polls == 10:
            read_enough.set()
        if read.returncode == 0:
            for row in json.loads(read.stdout):
                assert row["rows"] == row["expected"] and row["on_leaderboard"] == 1, row
        else:
            locked += 1
            assert_one_line_lock_error(read, synthetic_db)
    thread.join()

    # Each command waits up to 5 s for the lock, so conflicts here are rare;
    # test_clients.py forces one to check its message.
    for write in writes:
        if write.returncode != 0:
            assert_one_line_lock_error(write, synthetic_db)
    with duckdb.connect(str(synthetic_db), read_only=True) as con:
        assert con.execute("select count(*) from predictions").fetchone() == (
            50_000 * con.execute("select count(*) from models").fetchone()[0],  # type: ignore[index]
        )


def assert_one_line_lock_error(result: subprocess.CompletedProcess[str], db: Path) -> None:
    assert (result.returncode, result.stdout) == (3, ""), result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"Error: {db}: cannot open (") and "lock" in line, line


def test_the_integrity_query_names_each_kind_of_damage(synthetic_db: Path, tmp_path: Path) -> None:
    """The check the tests above rely on must see damage, or their empty answers mean nothing."""
    preds = tmp_path / "p.csv"
    preds.write_text("file_name,class_id\nILSVRC2012_val_00000001.JPEG,1\n")
    subprocess.run(cli("add-model", "m", "--predictions", preds, "--db", synthetic_db), check=True)
    subprocess.run(cli("add-model", "n", "--predictions", preds, "--db", synthetic_db), check=True)
    with duckdb.connect(str(synthetic_db)) as con:
        con.execute("delete from model_metrics_snapshot where model = 'n' and metric = 'real'")
        con.execute("delete from real_soft_totals_snapshot where model = 'n'")
        con.execute(
            "insert into predictions values ('m', 1, [2], null), ('m', 2, [2, 3, 4], [0.5]), "
            "('ghost', 50001, [2], null)"
        )
        con.execute("update model_metrics_snapshot set value = 0.5 where metric = 'top1'")
        con.execute("update paper_metrics_snapshot set hits = hits + 1 where metric = 'mla'")
        con.execute(
            "update mistake_verdicts_snapshot set auto_severity = 'major' "
            "where auto_severity <> 'major' and image_number = 3"  # vit3b's alone
        )
        con.execute("insert into model_mistakes_snapshot values ('n', 2, 0)")
        con.execute("insert into model_confusions_snapshot values ('m', 0, 1, 5)")
        con.execute(
            "update image_difficulty_snapshot set models_wrong = models - models_wrong "
            "where label_set = 'original' and image_number = 1"
        )
        con.execute(
            "insert into class_results_snapshot select * replace ('gone' as model) "
            "from class_results_snapshot where model = 'n'"
        )
    _, problems = model_state(synthetic_db)
    found = sorted((model or "", problem) for problem, model, _ in problems)
    assert found == [
        ("", "stored image counts differ in total from the stored class counts"),
        ("ghost", "predictions for images that are not validation images"),
        ("ghost", "predictions of a model that is not in models"),
        ("gone", "stored results of a model that is not in models"),
        # The paper's models' stored metrics, from their mistakes table.
        ("greedy_soups", "stored metrics differ from the metrics of the stored counts"),
        ("m", "an image has a different number of scores than classes"),
        ("m", "an image is predicted more than once"),
        ("m", "longest list of predictions differs from models.top_k"),
        ("m", "predictions cover a different number of images than models.images"),
        ("m", "stored class counts differ from the counts of the predictions"),
        ("m", "stored confusions differ from the pairs of the stored mistakes"),
        # Image 2, now predicted, is one ImageNet-X scores.
        ("m", "stored factor counts cover other images than the predictions"),
        ("m", "stored metaclass counts cover other images than the predictions"),
        ("m", "stored metrics differ from the metrics of the stored counts"),
        # The extra mistake is not among the stored pairs or mistakes by factor either,
        # nor has it a verdict.
        ("n", "stored confusions differ from the pairs of the stored mistakes"),
        ("n", "stored metrics differ from the metrics of the stored counts"),
        ("n", "stored mistakes by factor differ in number from the stored mistakes"),
        ("n", "stored mistakes differ in number from the stored counts"),
        ("n", "stored soft ReaL totals differ from the stored class counts"),
        ("n", STALE_VERDICTS),
        ("vit3b", "stored metrics differ from the metrics of the stored counts"),
        ("vit3b", STALE_VERDICTS),
    ]
    # Checking some models finds the same problems of theirs, and only theirs.
    with Database.open(synthetic_db) as database:
        for among in ("m", "n", "n,m"):
            checked = database.query("integrity", {"model": among}).rows
            assert sorted((model, problem) for problem, model, _ in checked) == [
                (model, problem) for model, problem in found if model in among.split(",")
            ], among


STALE_VERDICTS = "stored verdicts on its mistakes differ from the rules' verdicts, or are missing"


# A writer that commits, then dies before DuckDB checkpoints: its change lives only in the WAL.
COMMIT_THEN_DIE = """
import os, sys, duckdb
con = duckdb.connect(sys.argv[1])
con.execute("insert into models select * replace ('late' as model) from models "
            "where model = 'kept'")
con.execute("insert into predictions select 'late', image_number, classes, scores "
            "from predictions where model = 'kept'")
for table in sys.argv[2:]:  # what is stored of a model's results
    con.execute(f"insert into {table} by name select * replace ('late' as model) "
                f"from {table} where model = 'kept'")
os.kill(os.getpid(), 9)
"""


def test_build_applies_the_log_a_killed_writer_left(
    synthetic_db: Path, synthetic_mirror: Path, logits: Path
) -> None:
    subprocess.run(cli("add-model", "kept", "--logits", logits, "--db", synthetic_db), check=True)
    # The per-model rows; the per-image counts (no model column) the build recounts.
    stored = [
        table
        for table in MODEL_TABLES
        if table.endswith("_snapshot") and table != "image_difficulty_snapshot"
    ]
    subprocess.run([sys.executable, "-c", COMMIT_THEN_DIE, synthetic_db, *stored], check=False)
    assert storage.write_ahead_log(synthetic_db).exists()

    subprocess.run(cli("build", "--db", synthetic_db, "--source-dir", synthetic_mirror), check=True)

    assert not storage.write_ahead_log(synthetic_db).exists()
    rows, problems = model_state(synthetic_db)  # a stale log would make this fail to open
    assert (rows, problems) == ({"kept": 50_000, "late": 50_000}, [])


def damaged_copy(db: Path, folder: Path) -> Path:
    """A copy of `db` with one block of its predictions overwritten, the leaderboard intact.

    Blocks are tried from the end of the file, where the last model's rows lie.
    """
    block, header = 262_144, 3 * 4096  # DuckDB's block size, after its three header pages
    damaged = folder / "damaged.duckdb"
    for index in reversed(range((db.stat().st_size - header) // block)):
        shutil.copy(db, damaged)
        with damaged.open("r+b") as f:
            f.seek(header + index * block + 4096)
            f.write(b"\xde\xad\xbe\xef" * 16)
        try:
            with Database.open(damaged) as database:
                database.leaderboard()  # what it reads is intact
        except ImagenetMistakesError:
            continue
        try:
            with duckdb.connect(str(damaged), read_only=True) as con:
                con.execute("select sum(hash(p)) from predictions as p").fetchall()
        except duckdb.Error as e:
            if "Corrupt database file" in str(e):
                return damaged
    raise AssertionError("no block of the predictions could be damaged")


def test_integrity_reads_every_block_and_names_a_damaged_file(
    synthetic_db: Path, logits: Path, tmp_path: Path
) -> None:
    subprocess.run(cli("add-model", "kept", "--logits", logits, "--db", synthetic_db), check=True)
    damaged = damaged_copy(synthetic_db, tmp_path)
    before = damaged.read_bytes()
    # The leaderboard reads no damaged block: it answers.
    leaderboard = subprocess.run(cli("query", "leaderboard", "--db", damaged), capture_output=True)
    assert leaderboard.returncode == 0
    integrity = cli("query", "integrity", "--db", damaged)
    done = subprocess.run(integrity, capture_output=True, text=True)
    assert (done.returncode, done.stdout) == (1, ""), done.stderr
    assert done.stderr.startswith(f"Error: {damaged}: damaged (Corrupt database file")
    assert len(done.stderr.splitlines()) == 1
    assert damaged.read_bytes() == before


@pytest.fixture
def db_and_inputs(synthetic_db: Path, synthetic_mirror: Path, tmp_path: Path) -> dict[str, Path]:
    """The synthetic database holding a model `present`, and what the commands below read."""
    topk = tmp_path / "topk.npy"
    labels = np.array(synthetic.original_class_ids())
    np.save(topk, (labels[:, np.newaxis] + np.arange(TOP_K)) % 1000)  # always right
    subprocess.run(cli("add-model", "present", "--topk", topk, "--db", synthetic_db), check=True)
    return {"db": synthetic_db, "topk": topk, "mirror": synthetic_mirror, "out": tmp_path / "out"}


WRITES = [
    ["add-model", "new", "--topk", "{topk}"],
    ["remove-model", "present"],
    ["build", "--source-dir", "{mirror}"],
    ["export", "{out}"],
    ["report", "present", "--out", "{out}"],
]


def limited_file_size(limit: int) -> Callable[[], None]:
    """For a child process: writing a file past `limit` bytes fails, as on a full disk.

    The same failed write(2), EFBIG rather than ENOSPC, without a disk to fill.
    """

    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # else the signal kills the writer
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


@pytest.mark.parametrize("args", WRITES, ids=lambda a: a[0])
def test_a_full_disk_is_one_line_and_changes_nothing(
    args: list[str], db_and_inputs: dict[str, Path]
) -> None:
    db, out = db_and_inputs["db"], db_and_inputs["out"]
    before, files = fingerprint(db), sorted(db.parent.iterdir())
    command = cli(*(a.format(**db_and_inputs) for a in args), "--db", db)

    done = subprocess.run(
        command, capture_output=True, text=True, preexec_fn=limited_file_size(64_000)
    )

    errors = [line for line in done.stderr.splitlines() if not line.startswith(LOG_LINES)]
    assert (done.returncode, done.stdout) == (3, ""), done.stderr
    assert len(errors) == 1 and errors[0].startswith("Error: "), done.stderr
    assert "File too large" in errors[0]
    assert fingerprint(db) == before and not out.exists()
    # No temporary left behind (DuckDB may leave an uncommitted, ignored write-ahead log).
    assert [f for f in sorted(db.parent.iterdir()) if f.suffix != ".wal"] == files


@pytest.mark.parametrize("args", WRITES[:3], ids=lambda a: a[0])
def test_a_file_we_may_not_write_is_one_line_exit_2(
    args: list[str], db_and_inputs: dict[str, Path]
) -> None:
    db = db_and_inputs["db"]
    before = fingerprint(db)
    if os.geteuid() == 0:  # root writes any file whatever its mode, but not an immutable one
        if subprocess.run(["chattr", "+i", db], capture_output=True).returncode != 0:
            pytest.skip("this file system has no immutable flag (chattr +i)")
    else:
        db.chmod(0o444)
    try:
        done = subprocess.run(
            cli(*(a.format(**db_and_inputs) for a in args), "--db", db),
            capture_output=True,
            text=True,
        )
    finally:
        subprocess.run(["chattr", "-i", db], capture_output=True)
        db.chmod(0o644)
    errors = [line for line in done.stderr.splitlines() if not line.startswith(LOG_LINES)]
    assert (done.returncode, done.stdout) == (2, ""), done.stderr
    assert errors == [f"Error: {db}: cannot write it (no write permission, or it is immutable)"]
    assert fingerprint(db) == before


def test_a_npy_truncated_while_it_is_read_is_one_line(tmp_path: Path) -> None:
    # Mapped, a file cut short under the reader killed the process (SIGBUS).
    path = tmp_path / "logits.npy"
    np.save(path, np.zeros((50_000, 1000), np.float32))
    with arrays.logits(path) as rows:
        os.truncate(path, 100_000_000)  # another process cuts it in half
        with pytest.raises(SourceFormatError, match="ended early while being read"):
            predictions.top_k(rows, TOP_K)
