"""Time and memory of `imagenet-mistakes build` and `info` on the real mirror.

Run: python benchmarks/build.py [--source-dir ../shared/data] [--repeat 3]
Prints a Markdown table; the results are recorded in BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


# Runs the CLI and reports its own peak RSS last on stderr (children's maxrss cannot be reset).
_CHILD = """
import resource, runpy, sys
sys.argv = ["imagenet-mistakes", *sys.argv[1:]]
try:
    runpy.run_module("imagenet_mistakes", run_name="__main__")
finally:
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
"""


def run(args: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one whole CLI process."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, *args], check=True, capture_output=True, text=True
    )
    seconds = time.perf_counter() - start
    return seconds, int(done.stderr.split()[-1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--source-dir", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "im.duckdb"
        cases = {
            "build --source-dir (whole process)": [
                "build", "--db", str(db), "--source-dir", str(options.source_dir)
            ],
            "info (whole process)": ["info", "--db", str(db)],
        }  # fmt: skip
        print("| command | median s | min s | peak RSS MiB |")
        print("|---|---:|---:|---:|")
        for name, args in cases.items():
            results = [run(args) for _ in range(options.repeat)]
            times = [s for s, _ in results]
            print(
                f"| {name} | {statistics.median(times):.2f} | {min(times):.2f} "
                f"| {max(m for _, m in results):.0f} |"
            )
        print(f"\ndatabase size: {db.stat().st_size / 2**20:.1f} MiB")


if __name__ == "__main__":
    main()
