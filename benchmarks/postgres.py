"""PostgreSQL after `publish` against DuckDB on the same file: every view, and publish itself.

Run: python benchmarks/postgres.py [--source-dir ../shared/data] [--all] [--work DIR]
Prints Markdown tables; the results are recorded in BENCHMARKS.md.

Builds the database from the mirror with three ImageNetV2 zoo models (those
the tests publish; all 67 with --all), publishes it to a throwaway PostgreSQL server on
127.0.0.1 (the tests' own, tests/postgres_server.py), then reads every view
whole in both engines, best of 3 (once if over 5 s), and marks those over 3 times DuckDB's time
(the target). Needs Debian's postgresql; as root, the server runs as the
postgres user.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import psycopg

from imagenet_mistakes import Database, build, registry, zoo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests import postgres_server  # noqa: E402  (the tests' throwaway server)


def best(run: Callable[[], object], times: int = 3) -> float:
    seconds = []
    for _ in range(times):
        start = time.perf_counter()
        run()
        seconds.append(time.perf_counter() - start)
        if seconds[-1] > 5:  # far over any target: repeating it shows nothing more
            break
    return min(seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--source-dir", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--all", action="store_true", help="All 67 zoo models.")
    parser.add_argument("--work", type=Path, help="Keep the database here.")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = options.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        names = None if options.all else ["alexnet", "resnet50", "vgg16"]
        db = work / ("zoo.duckdb" if options.all else "small.duckdb")
        if not db.exists():
            build.build(db, registry.Inputs(options.source_dir, work / "cache"))
            with Database.open(db, write=True) as database:
                database.add_zoo("imagenetv2", names, source_dir=options.source_dir, cache_dir=work)
        with postgres_server.server() as url:
            command = [sys.executable, "-m", "imagenet_mistakes", "publish", url, "--db", str(db)]
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            published = time.perf_counter() - start
            models = len(names) if names else len(zoo.sources("imagenetv2"))
            print(f"publish, {models} zoo models (whole process): {published:.1f} s\n")
            print("| view | DuckDB s | PostgreSQL s | ratio | ≤ 3× |\n|---|---:|---:|---:|---|")
            con = duckdb.connect(str(db), read_only=True)
            views = [
                v
                for (v,) in con.execute(
                    "select view_name from duckdb_views() where not internal order by 1"
                ).fetchall()
            ]
            within = 0
            with psycopg.connect(url) as pg:
                pg.execute("set search_path to imagenet_mistakes")
                for view in views:
                    query = f"select * from {view}"
                    ours = best(lambda: con.execute(query).fetchall())  # noqa: B023
                    theirs = best(lambda: pg.execute(query).fetchall())  # noqa: B023
                    ratio = theirs / ours
                    within += ratio <= 3
                    mark = "✓" if ratio <= 3 else "✗"
                    print(f"| {view} | {ours:.3f} | {theirs:.3f} | {ratio:.1f} | {mark} |")
            print(f"\n{within} of {len(views)} views within 3 times DuckDB's time")


if __name__ == "__main__":
    main()
