"""One step timed inside a fresh process, after its imports: the "in process" rows.

Run: python benchmarks/steps.py STEP LOGITS [DB]; STEP: add-model, doctor (with a DB), select, floor
Prints the step's wall seconds. A fresh process each time, because every
`add-model` runs in one: its memory starts cold, as it does for the user.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

from imagenet_mistakes import Database, doctor, predictions

K = 5
MODEL = "benchmark"


def floor(logits: Path) -> None:
    """Nothing can add a model faster than this: read the file, select each row's top five."""
    values = np.load(logits)
    candidates = np.argpartition(values, -K, axis=1)[:, -K:]
    order = np.argsort(-np.take_along_axis(values, candidates, axis=1), axis=1)
    np.take_along_axis(candidates, order, axis=1)


def select(logits: Path) -> None:
    """add-model's share of the floor's work: read and check the file, keep each row's top five."""
    predictions.from_logits(logits, k=K)


def doctor_check(logits: Path, db: Path) -> float:
    """The input doctor's look at a model before it is stored; its own seconds."""
    loaded = predictions.from_logits(logits, k=K)
    with Database.open(db) as database:
        start = time.perf_counter()
        doctor.check(database.con, loaded, str(logits))
        return time.perf_counter() - start


def add_model(logits: Path, db: Path) -> None:
    """What `add-model NAME --logits LOGITS` does once its arguments are parsed."""
    loaded = predictions.from_logits(logits, k=K)
    with Database.open(db, write=True) as database:
        database.add_model(MODEL, loaded, source=str(logits))


def main() -> None:
    step, *paths = sys.argv[1:]
    if step == "doctor":
        print(doctor_check(Path(paths[0]), Path(paths[1])))
        return
    start = time.perf_counter()
    if step == "floor":
        floor(Path(paths[0]))
    elif step == "select":
        select(Path(paths[0]))
    else:
        add_model(Path(paths[0]), Path(paths[1]))
    print(time.perf_counter() - start)


if __name__ == "__main__":
    main()
