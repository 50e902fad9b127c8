"""Where a whole `add-model` process spends its time, step by step, beside the floor.

    python benchmarks/add_model_steps.py DB [--rounds 5]

Each round copies DB, then runs in a fresh process what `add-model --logits` runs
(benchmarks/run.py's good model: 50,000 x 1,000 random float32 logits, seeded, each
image's original label raised by 4): the imports, reading the logits and their top 5
with softmax, opening the file, adding the model (each script in `writes/` timed), the
summary it prints and closing the file (DuckDB's checkpoint). In turn with it, the
floor of any tool that reads the file: `python -c 'import numpy; numpy.load(f)'`.
Prints a Markdown table of each step's median over the rounds and the whole
process's ratio to the floor's.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from run import good_model_logits

# The child: a whole add-model, its steps timed. Not the CLI's own code path line for
# line (the CLI also parses options and prints), which the "whole process" row times.
_CHILD = """
import json, sys, time
start = time.perf_counter()
steps = {}
def step(name, since):
    now = time.perf_counter()
    steps[name] = steps.get(name, 0.0) + now - since
    return now
from imagenet_mistakes import Database, predictions, storage
import duckdb, pyarrow, numpy
since = step("imports (the package, DuckDB, Arrow, NumPy)", start)
read = predictions.read(logits=__import__("pathlib").Path(sys.argv[2]))
since = step("reading the logits, top 5 and softmax", since)
database = Database.open(sys.argv[1], write=True)
since = step("opening the file (lock, version check)", since)
original = storage.run_script
def timed_script(con, name, params):
    global since
    since = step("other work of the add (doctor, names, transaction)", since)
    original(con, name, params)
    since = step(f"writes/{name}.sql", since)
storage.run_script = timed_script
database.add_model("one_more", read, allow_low_accuracy=False)
since = step("the summary printed (model_summary) and the commit", since)
database.close()
since = step("closing the file (checkpoint)", since)
steps["in process, all"] = time.perf_counter() - start
print(json.dumps(steps))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("db", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        logits = folder / "logits.npy"
        np.save(logits, good_model_logits())
        copy = folder / "copy.duckdb"
        steps: dict[str, list[float]] = {}
        whole, floor = [], []
        for _ in range(options.rounds):
            shutil.copy(options.db, copy)
            start = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-c", _CHILD, str(copy), str(logits)],
                check=True, capture_output=True, text=True,
            )  # fmt: skip
            whole.append(time.perf_counter() - start)
            for name, seconds in json.loads(done.stdout).items():
                steps.setdefault(name, []).append(seconds)
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-c", f"import numpy; numpy.load({str(logits)!r})"], check=True
            )
            floor.append(time.perf_counter() - start)
    print(f"| step (median of {options.rounds}) | s |\n|---|---:|")
    for name, seconds in steps.items():
        print(f"| {name} | {statistics.median(seconds):.3f} |")
    print(f"| whole process | {statistics.median(whole):.3f} |")
    print(f"| floor: `python -c 'import numpy; numpy.load(f)'` | {statistics.median(floor):.3f} |")
    print(f"| whole process / floor | {statistics.median(whole) / statistics.median(floor):.2f}× |")


if __name__ == "__main__":
    main()
