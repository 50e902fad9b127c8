"""The command as tests run it: in-process (its exit code, stdout and stderr), or as a
process of its own for what only a process shows (a kill, Ctrl-C, a lock)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from typer.testing import CliRunner

from imagenet_mistakes.cli import app

runner = CliRunner()


def invoke(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def cli(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "imagenet_mistakes", *map(str, args)]


def timed(*args: str | Path) -> float:
    start = time.perf_counter()
    subprocess.run(cli(*args), check=True, capture_output=True)
    return time.perf_counter() - start
