"""Time adding models and reading the leaderboard, next to the plain Python reference loop.

Run: python benchmarks/models.py [--source-dir ../shared/data] [--repeat 5]
Prints a Markdown table; the results are recorded in BENCHMARKS.md.

The logits are random (seeded) float32, 50,000 x 1,000, as a model would
save them; the zoo is the real ImageNetV2 testbed from the mirror.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import numpy as np
from process import HEADER, row, run

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the reference loop lives with the tests

from tests import reference  # noqa: E402


def timed(repeat: int, action: Callable[[], object]) -> list[float]:
    """Wall seconds of each of `repeat` calls."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def processes(name: str, repeat: int, args: list[str], fresh: tuple[Path, Path] | None) -> None:
    """Print the row of `repeat` whole CLI processes, each on a fresh copy of a database."""
    results = []
    for _ in range(repeat):
        if fresh:
            shutil.copy(*fresh)
        results.append(run(args))
    print(row(name, [s for s, _ in results], max(m for _, m in results)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--source-dir", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    mirror, repeat = options.source_dir, options.repeat
    with tempfile.TemporaryDirectory() as tmp:
        base, db = Path(tmp) / "base.duckdb", Path(tmp) / "im.duckdb"
        logits = Path(tmp) / "logits.npy"
        np.save(logits, np.random.default_rng(0).standard_normal((50_000, 1000), np.float32))
        run(["build", "--db", str(base), "--source-dir", str(mirror)])
        target = ["--db", str(db)]

        print(HEADER)
        processes(
            "add-model --logits 50,000 x 1,000 float32 (whole process)",
            repeat, ["add-model", "random", "--logits", str(logits), *target], (base, db),
        )  # fmt: skip
        processes(
            "add-zoo imagenetv2, 67 models (whole process)",
            repeat, ["add-zoo", "imagenetv2", "--source-dir", str(mirror), *target], (base, db),
        )  # fmt: skip
        processes(
            "query leaderboard --format csv, 69 models (whole process)",
            repeat, ["query", "leaderboard", "--format", "csv", *target], None,
        )  # fmt: skip
        with duckdb.connect(str(db), read_only=True) as con:

            def query(sql: str) -> Callable[[], object]:
                return lambda: con.execute(sql).fetchall()

            query("select * from leaderboard")()  # warm DuckDB's buffer cache
            times = timed(repeat, query("select * from leaderboard"))
            print(row("leaderboard view, 69 models (in process)", times))
            times = timed(repeat, query("select * from model_metrics"))
            print(row("model_metrics computed live, 67 models (in process)", times))

        world = reference.read_world(mirror)

        def reference_logits() -> None:
            top5 = np.argsort(-np.load(logits), axis=1)[:, :5]
            names = [f"ILSVRC2012_val_{i + 1:08d}.JPEG" for i in range(len(top5))]
            reference.metrics({n: list(r) for n, r in zip(names, top5, strict=True)}, world)

        def reference_zoo() -> None:
            for path in (mirror / reference.ZOO).glob("*.npy"):
                reference.metrics(reference.zoo_predictions(mirror, path.stem), world)

        times = timed(repeat, reference_logits)
        print(row("reference loop on the same logits, from the file (in process)", times))
        times = timed(1, reference_zoo)
        print(row("reference loop over the 67 zoo models (in process, 1 run)", times))
        print(f"\ndatabase size with the zoo: {db.stat().st_size / 2**20:.1f} MiB")


if __name__ == "__main__":
    main()
