"""How cost grows with the number of models: N synthetic models over the 50,000 images.

Run: python benchmarks/scale.py [--source-dir ../shared/data] [--models 67 1000]
Prints Markdown tables; the results are recorded in BENCHMARKS.md.

Each synthetic model has random top-5 predictions (seeded), added through the
same path as `add-model`, so its metrics are computed and stored as it is
added. The leaderboard is then read in a fresh process with DuckDB limited
to 4 GB and 2 threads, 5 times; its peak RSS is that process's (VmHWM).
With the largest N, every named query (for one model where it takes one) and
every view as a BI tool opens it (its first 100 rows) is timed the same way,
best of 3 (once when over 5 s).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
from process import PEAK_RSS

from imagenet_mistakes import Database, build, registry
from imagenet_mistakes.loaders.order import RowOrder
from imagenet_mistakes.predictions import Predictions, from_top_k

ROOT = Path(__file__).resolve().parents[1]

_LEADERBOARD = """
import duckdb, json, sys, time
con = duckdb.connect(sys.argv[1], read_only=True,
                     config={"memory_limit": "4GB", "threads": 2})
times = []
for _ in range(5):
    start = time.perf_counter()
    rows = con.execute("select * from leaderboard order by mla desc").fetchall()
    times.append(time.perf_counter() - start)
print(json.dumps({"times": times, "rows": len(rows),
                  "rss": PEAK_RSS_KIB()}))
"""


_EVERY_QUERY = """
import json, sys, time
import duckdb
from imagenet_mistakes import Database, named_queries
db = Database.open(sys.argv[1])
db.con.execute("set memory_limit = '4GB'; set threads = 2; set enable_progress_bar = false")
def best(run):
    try:
        return timed(run)
    except duckdb.Error as e:  # say what happened (out of memory, say) and go on
        return str(e).splitlines()[0]
def timed(run):
    times = []
    for _ in range(3):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
        if times[-1] > 5:  # far over the target: repeating it shows nothing more
            break
    return min(times)
for query in named_queries.catalogue():
    params = {"model": "synthetic_0000", "a": "synthetic_0000", "b": "synthetic_0001"}
    given = {k: "vit3b" if p.kind == "categorised_model" else params[k]
             for k, p in query.parameters.items() if p.default is None}
    seconds = best(lambda: db.query(query.name, given))
    print(json.dumps(["query " + query.name, seconds]), flush=True)
views = [v for (v,) in db.con.execute(
    "select view_name from duckdb_views() where not internal order by 1").fetchall()]
for view in views:
    print(json.dumps([f"view {view}, first 100 rows",
                      best(lambda: db.con.execute(f"select * from {view} limit 100").fetchall())]),
          flush=True)
"""


def synthetic_models(count: int, folder: Path) -> Iterator[tuple[str, Predictions, str, None]]:
    """SYNTHETIC: a random class per image and the 4 after it, a different seed per model."""
    rows = RowOrder(folder / "order", np.arange(1, 50_001))
    for i in range(count):
        first = np.random.default_rng(i).integers(0, 1000, (50_000, 1))
        ids = (first + np.arange(5)) % 1000
        path = folder / "top5.npy"
        np.save(path, ids)
        yield f"synthetic_{i:04d}", from_top_k(path, order=rows), "synthetic", None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--source-dir", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--models", type=int, nargs="+", default=[67, 1000])
    parser.add_argument(
        "--work", type=Path, help="Keep the databases here, and reuse them on the next run."
    )
    options = parser.parse_args()
    print("| models | add all s | file MiB | leaderboard median s | min s | peak RSS MiB |")
    print("|---:|---:|---:|---:|---:|---:|")
    for i, count in enumerate(options.models):
        with tempfile.TemporaryDirectory() as tmp:
            folder = options.work / str(count) if options.work else Path(tmp)
            db = folder / "im.duckdb"
            added = "kept"
            if not db.exists():
                folder.mkdir(parents=True, exist_ok=True)
                build.build(db, registry.Inputs(options.source_dir, folder / "cache"))
                start = time.perf_counter()
                with Database.open(db, write=True) as database:
                    database.add_models(synthetic_models(count, folder))
                added = f"{time.perf_counter() - start:.0f}"
            done = subprocess.run(
                [sys.executable, "-c", PEAK_RSS + _LEADERBOARD, str(db)],
                check=True, capture_output=True, text=True,
            )  # fmt: skip
            result = json.loads(done.stdout)
            assert result["rows"] == count + 2  # and the two paper models
            times = result["times"]
            size, peak = db.stat().st_size / 2**20, result["rss"] / 1024
            print(
                f"| {count} | {added} | {size:.0f} | {statistics.median(times):.3f} "
                f"| {min(times):.3f} | {peak:.0f} |",
                flush=True,
            )
            if i == len(options.models) - 1:
                every_query(db, count)


def every_query(db: Path, count: int) -> None:
    """Each named query and each view's first rows, with `count` models in the file."""
    print(f"\n| with {count} models | best of 3 (once if over 5), s |\n|---|---:|", flush=True)
    with subprocess.Popen(
        [sys.executable, "-c", _EVERY_QUERY, str(db)], stdout=subprocess.PIPE, text=True
    ) as timing:
        assert timing.stdout is not None
        for line in timing.stdout:  # one JSON line per query, as each finishes
            name, seconds = json.loads(line)
            shown = f"{seconds:.3f}" if isinstance(seconds, float) else seconds
            print(f"| {name} | {shown} |", flush=True)


if __name__ == "__main__":
    main()
