"""Time and memory of `imagenet-mistakes build` and `info` on the real mirror.

Run: python benchmarks/build.py [--source-dir ../shared/data] [--repeat 3]
Prints a Markdown table; the results are recorded in BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from process import HEADER, row, run

ROOT = Path(__file__).resolve().parents[1]


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
        print(HEADER)
        for name, args in cases.items():
            results = [run(args) for _ in range(options.repeat)]
            print(row(name, [s for s, _ in results], max(m for _, m in results)))
        print(f"\ndatabase size: {db.stat().st_size / 2**20:.1f} MiB")


if __name__ == "__main__":
    main()
