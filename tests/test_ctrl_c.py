"""Ctrl-C at any moment: one line saying truthfully whether the change was made, and the
file whole. The signal is sent from when the command says its handling is in place
(IMAGENET_MISTAKES_SAY_READY), so the tests do not depend on how fast Python starts."""

from __future__ import annotations

import logging
import os
import random
import signal
import subprocess
import time
from pathlib import Path

import pytest

from imagenet_mistakes import Database, registry
from imagenet_mistakes.__main__ import READY
from imagenet_mistakes.errors import Interrupted
from tests.commands import cli, timed
from tests.fingerprint import model_state


def interruptible(*args: str | Path) -> subprocess.Popen[str]:
    """The command as a terminal starts it: Ctrl-C (SIGINT) interrupts it.

    A shell's background jobs, and so some runners, start children with
    SIGINT ignored, which Python would keep.
    """
    return subprocess.Popen(
        cli(*args),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        env={**os.environ, "IMAGENET_MISTAKES_SAY_READY": "1"},
    )


def interrupted_after(delay: float, *args: str | Path) -> tuple[int, str, str]:
    """Start the command, send it SIGINT `delay` seconds after it says its Ctrl-C handling
    is in place (not after it starts: on a busy machine Python alone may take longer);
    its exit code, stdout, stderr."""
    process = interruptible(*args)
    assert process.stderr is not None
    ready = process.stderr.readline()
    assert ready == READY.decode(), ready
    time.sleep(delay)
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate()
    return process.returncode, stdout, stderr


def assert_one_interrupted_line(code: int, stdout: str, stderr: str) -> None:
    assert code == 130, (code, stderr)
    # build's warnings about its sources, or add-model's "Added" before its summary was
    # printed, may come first; then the one error line.
    lines = [line for line in stderr.splitlines() if not line.startswith(("WARNING: ", "Added "))]
    assert stdout == "" and len(lines) == 1, (stdout, stderr)
    assert lines[0].startswith("Error: ") and "interrupted" in lines[0], stderr


def test_ctrl_c_during_add_model_says_truthfully_whether_it_was_added(
    synthetic_db: Path, logits: Path
) -> None:
    duration = timed("add-model", "timing", "--logits", logits, "--db", synthetic_db)
    rng = random.Random(6)
    trials, outcomes = 6, {"committed": 0, "undone": 0, "finished": 0}
    for trial in range(trials):
        model = f"m{trial}"
        delay = duration * (trial + rng.random()) / trials
        code, stdout, stderr = interrupted_after(
            delay, "add-model", model, "--logits", logits, "--db", synthetic_db
        )
        rows, problems = model_state(synthetic_db)
        assert problems == [], (trial, stderr)
        if code == 0 or stdout:  # done (its result printed) before the signal came
            assert model in rows and f"Added {model}:" in stderr, (code, stderr)
            outcomes["finished"] += 1
            continue
        assert_one_interrupted_line(code, stdout, stderr)
        committed = "after the change was committed" in stderr
        assert (model in rows) == committed, (delay, stderr)
        outcomes["committed" if committed else "undone"] += 1
    assert outcomes["undone"] >= trials // 2, outcomes
    # The file takes writes again, with a name an interrupted add did not take.
    subprocess.run(cli("add-model", "after", "--logits", logits, "--db", synthetic_db), check=True)


def test_ctrl_c_during_build_leaves_the_old_file_or_the_new_one_and_says_which(
    synthetic_db: Path, synthetic_mirror: Path, logits: Path, tmp_path: Path
) -> None:
    subprocess.run(cli("add-model", "kept", "--logits", logits, "--db", synthetic_db), check=True)
    duration = timed("build", "--db", tmp_path / "timing.duckdb", "--source-dir", synthetic_mirror)
    rng = random.Random(7)
    trials = 4
    for trial in range(trials):
        inode = synthetic_db.stat().st_ino
        code, stdout, stderr = interrupted_after(
            duration * (trial + rng.random()) / trials,
            "build", "--db", synthetic_db, "--source-dir", synthetic_mirror,
        )  # fmt: skip
        replaced = synthetic_db.stat().st_ino != inode
        if code != 0:
            assert_one_interrupted_line(code, stdout, stderr)
            assert replaced == ("the new database is in place" in stderr), stderr
        assert model_state(synthetic_db) == ({"kept": 50_000}, [])
    leftovers = [p.name for p in synthetic_db.parent.iterdir() if p.name.startswith(".")]
    assert leftovers == []


def test_ctrl_c_once_the_new_file_is_in_place_says_it_is(
    synthetic_db: Path, synthetic_mirror: Path, tmp_path: Path
) -> None:
    """The moment the random delays above seldom hit: after the rename, before build
    returns (here, as it logs what it wrote)."""

    class CtrlCOnWrote(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.getMessage().startswith("wrote "):
                raise KeyboardInterrupt

    inode = synthetic_db.stat().st_ino
    logger, handler = logging.getLogger("imagenet_mistakes.build"), CtrlCOnWrote()
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        with pytest.raises(Interrupted) as raised:
            Database.build(synthetic_db, registry.Inputs(synthetic_mirror, tmp_path / "cache"))
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    assert synthetic_db.stat().st_ino != inode
    assert str(raised.value) == (
        f"{synthetic_db}: interrupted after the change was committed: the new database is in place"
    )


@pytest.mark.parametrize("delay", [0.0, 0.3, 1.0])
def test_ctrl_c_during_a_read_or_start_up_is_one_line(synthetic_db: Path, delay: float) -> None:
    """From the first moment it can be answered (modules still loading) to a long query
    running."""
    slow = "select count(*) from range(2000000000) as a(i) where i % 7 = 3"
    code, stdout, stderr = interrupted_after(delay, "sql", slow, "--db", synthetic_db)
    assert_one_interrupted_line(code, stdout, stderr)
