"""What categorising one model's mistakes adds to add-model (issue 32: at most 0.3 s).

    python benchmarks/categoriser.py DB [--rounds 7]

DB holds models with predictions (e.g. the zoo). For a few of them, in turn, round after
round: reading the model's stored mistakes (model_mistakes) and applying every rule to
them (auto_categories_live, planned as written, as add-model stores it in
mistake_verdicts_snapshot). The difference of the medians is the rules' cost; finding
the mistakes themselves (model_mistakes_live) is timed beside it for scale.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import duckdb

FOUND = "select * from model_mistakes_live where model = ? and evaluated_from = 'predictions'"
STORED = "select * from model_mistakes where model = ? and evaluated_from = 'predictions'"
CATEGORISED = (
    "select * from auto_categories_live where model = ? and evaluated_from = 'predictions'"
)


def seconds(
    con: duckdb.DuckDBPyConnection, sql: str, model: str, as_written: bool = False
) -> float:
    if as_written:  # as writes/store_model_results.sql does (data/stored.toml)
        con.execute("set disabled_optimizers = 'join_order'")
    start = time.perf_counter()
    con.execute(f"create or replace temp table timed as {sql}", [model])
    elapsed = time.perf_counter() - start
    con.execute("reset disabled_optimizers")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    con = duckdb.connect(str(args.db), read_only=True)
    models = [m for (m,) in con.execute("select model from models order by model").fetchall()]
    chosen = [models[i] for i in range(0, len(models), max(1, len(models) // 4))][:4]
    print(f"{len(models)} models in the file\n")
    print(
        "| model | mistakes | finding them (s) | reading them stored (s) "
        "| stored and categorised (s) | the rules add (s) |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    for model in chosen:
        found, read, categorised = [], [], []
        for _ in range(args.rounds):  # in turn, so that a busy spell slows each alike
            found.append(seconds(con, FOUND, model))
            read.append(seconds(con, STORED, model))
            categorised.append(seconds(con, CATEGORISED, model, as_written=True))
        mistakes = con.execute("select count(*) from timed").fetchone()
        medians = [statistics.median(times) for times in (found, read, categorised)]
        print(
            f"| {model} | {mistakes[0] if mistakes else 0} | "
            + " | ".join(f"{m:.3f}" for m in medians)
            + f" | {medians[2] - medians[1]:.3f} |"
        )


if __name__ == "__main__":
    main()
