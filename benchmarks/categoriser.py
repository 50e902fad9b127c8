"""What the rules' verdicts add to add-model, per model (issue 32: at most 0.3 s).

    python benchmarks/categoriser.py DB [--rounds 7]

DB holds models with predictions (e.g. the zoo); it is copied, and only the copy is
written. The rules read nothing of the model, so add-model stores a verdict per pair of
an image and a predicted class (mistake_verdicts_snapshot), for the pairs of its
mistakes that no model in the file has made before (writes/store_mistake_verdicts.sql
queues them; the view queued_verdicts judges the queue). For a few models, in turn,
round after round: judging all of the model's pairs, as when it is the file's first
model, and judging only those no other model of the file has, as when it is added last.
Each round queues the pairs in a transaction that is rolled back.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import duckdb

PAIRS = """
select distinct image_number, original_class, predicted_class
from model_mistakes
where model = $model
"""
# Those of its pairs that no other model's mistake has.
NEW_PAIRS = f"""
{PAIRS}
except
select distinct image_number, original_class, predicted_class
from model_mistakes
where model <> $model
"""


def judged(
    con: duckdb.DuckDBPyConnection, pairs: str, model: str, as_written: bool = True
) -> tuple[int, float]:
    """(pairs judged, seconds) for the rules on the pairs `pairs` selects, queued as
    add-model queues them, planned as written or by DuckDB's join-order optimizer."""
    con.execute("begin")
    try:
        con.execute(f"insert into verdict_queue {pairs}", {"model": model})
        if as_written:  # as writes/store_mistake_verdicts.sql plans it
            con.execute("set disabled_optimizers = 'join_order'")
        start = time.perf_counter()
        con.execute("create temp table timed as select * from queued_verdicts")
        elapsed = time.perf_counter() - start
        con.execute("reset disabled_optimizers")
        (count,) = con.execute("select count(*) from timed").fetchone() or (0,)
    finally:
        con.execute("rollback")
    return count, elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "copy.duckdb"
        shutil.copy(args.db, copy)
        con = duckdb.connect(str(copy))
        models = [m for (m,) in con.execute("select model from models order by model").fetchall()]
        chosen = [models[i] for i in range(0, len(models), max(1, len(models) // 4))][:4]
        (mistakes_total, pairs_total) = con.execute(
            "select count(*), count(distinct (image_number, predicted_class)) from model_mistakes"
        ).fetchone() or (0, 0)
        print(f"{len(models)} models in the file: {mistakes_total} mistakes, {pairs_total} pairs\n")
        print(
            "| model | mistakes | pairs | judging them all (s) | new pairs "
            "| judging those (s) | those, planned by DuckDB (s) |"
        )
        print("|---|---:|---:|---:|---:|---:|---:|")
        for model in chosen:
            every, new, planned = [], [], []
            for _ in range(args.rounds):  # in turn, so that a busy spell slows each alike
                pairs, seconds = judged(con, PAIRS, model)
                every.append(seconds)
                fresh, seconds = judged(con, NEW_PAIRS, model)
                new.append(seconds)
                planned.append(judged(con, NEW_PAIRS, model, as_written=False)[1])
            (mistakes,) = con.execute(
                "select count(*) from model_mistakes where model = ?", [model]
            ).fetchone() or (0,)
            print(
                f"| {model} | {mistakes} | {pairs} | {statistics.median(every):.3f} "
                f"| {fresh} | {statistics.median(new):.3f} | {statistics.median(planned):.3f} |"
            )
        con.close()


if __name__ == "__main__":
    main()
