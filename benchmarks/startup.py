"""Start-up A/B: each command against `python -c 'import duckdb'`, the floor of any DuckDB
tool written in Python, and a 1,000-row table drawn for a terminal.

    python benchmarks/startup.py DB [--rounds 15]

The commands and the floor run in turn, round after round, so that a busy spell of a
shared machine slows them alike; the table gives each one's median and its ratio to
the floor's median. Targets (issue 30): `--help` at most 1.5 times the floor, `sql
"select 1"` at most 2.5 times; a 1,000-row table in at most 1 s.
"""

from __future__ import annotations

import argparse
import io
import statistics
import subprocess
import sys
import time
from pathlib import Path

from rich.console import Console

from imagenet_mistakes.output import Format, render

FLOOR = "import duckdb"


def commands(db: Path) -> dict[str, list[str]]:
    cli = [sys.executable, "-m", "imagenet_mistakes"]
    return {
        FLOOR: [sys.executable, "-c", "import duckdb"],
        "--help": [*cli, "--help"],
        "--version": [*cli, "--version"],
        'sql "select 1"': [*cli, "sql", "select 1", "--db", str(db)],
        "query leaderboard": [*cli, "query", "leaderboard", "--db", str(db)],
    }


def timed(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True)
    return time.perf_counter() - start


def drawing_seconds(rows: int = 1000) -> float:
    """Drawing a leaderboard-shaped table of `rows` rows at 100 columns, output discarded."""
    columns = [
        "model",
        *(f"{m}{s}" for m in ("top1", "real", "mla") for s in ("", "_lower", "_upper")),
    ]
    values = [(f"model_{i:04d}", *[0.75, 0.74, 0.76] * 3) for i in range(rows)]
    console = Console(file=io.StringIO(), width=100)
    start = time.perf_counter()
    render([*columns, "mla_rank"], [(*v, i) for i, v in enumerate(values)], Format.table, console)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    runs = commands(args.db)
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(args.rounds):
        for name, argv in runs.items():
            times[name].append(timed(argv))
    floor = statistics.median(times[FLOOR])
    print(f"| what | median s | × `{FLOOR}` |\n|---|---:|---:|")
    for name, seconds in times.items():
        median = statistics.median(seconds)
        print(f"| `{name}` | {median:.3f} | {median / floor:.2f} |")
    print(f"| drawing a 1,000-row table (in process) | {drawing_seconds():.3f} | |")


if __name__ == "__main__":
    main()
