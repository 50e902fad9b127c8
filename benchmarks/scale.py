"""How cost grows with the number of models: one file grown to N SYNTHETIC models.

    python benchmarks/scale.py --work DIR [--models 100 1000 3000] [--source-dir ../shared/data]

The file is built from the mirror, then grown through the batch path
(`Database.add_models`, 100 models a transaction) to each N in turn; at each N
every measurement runs in a process of its own, so its peak memory (VmHWM) is its
own. Results are kept in DIR (`N.json`), so a run that stops resumes where it
stopped, and the table is printed from all of them: each row's value at every N,
its growth exponent between the last two (log of the ratio over log of the ratio
of models: 1 is linear) and the projection to 10,000 models from that exponent.

What is measured at each N:
- adding one more model, whole process (`add-model --logits`, 50,000 x 1,000
  float32 logits), wall and CPU, then removed; beside the floor of reading the
  same file (`python -c 'import numpy; numpy.load(f)'`), in turn, 3 rounds;
- `query integrity`, whole file and one model; `query leaderboard` drawn as a table;
- every view's every row (`count(*)`), the `*_live` views each in a process of its
  own for their peak memory, the rest in one process, time only;
- every named query, in one process, time only;
- the file's size.

A SYNTHETIC model: on each image, 5 classes drawn once for the image (its original
label and 4 others: models confuse the same classes, as real ones do), ranked per
model so that the original label comes first on 60-90% of the images (a model's
accuracy, drawn from its seed), with softmax-like scores. A view that takes longer
than --timeout is interrupted and shown as such.
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pyarrow as pa
from process import PEAK_RSS
from process import cli as whole_cli
from run import good_model_logits

from imagenet_mistakes import Database, build, registry
from imagenet_mistakes.predictions import Predictions

ROOT = Path(__file__).resolve().parents[1]
IMAGES = 50_000
BATCH = 100
PROJECTED = 10_000
ONE_MODEL = "model=synthetic_0000"

# One view or statement in a process of its own: its seconds and peak RSS (KiB).
_ONE = """
import json, sys, threading, time
import duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
con.execute("set enable_progress_bar = false")
timer = threading.Timer(float(sys.argv[3]), con.interrupt)
timer.start()
start = time.perf_counter()
try:
    con.execute(sys.argv[2]).fetchall()
    seconds = time.perf_counter() - start
except duckdb.Error as e:
    seconds = str(e).splitlines()[0][:60]
timer.cancel()
print(json.dumps({"seconds": seconds, "peak_kib": PEAK_RSS_KIB()}))
"""

# Every named query (on one model where it takes one), then every view but the live
# ones, in one process: seconds each, or why it stopped.
_EVERY = """
import json, sys, threading, time
import duckdb
from imagenet_mistakes import Database, named_queries, reads
db = Database.open(sys.argv[1])
limit = float(sys.argv[2])
def timed(run, interrupt):
    timer = threading.Timer(limit, interrupt)
    timer.start()
    start = time.perf_counter()
    try:
        run()
        return time.perf_counter() - start
    except Exception as e:
        return str(e).splitlines()[0][:60]
    finally:
        timer.cancel()
params = {"model": "synthetic_0000", "a": "synthetic_0000", "b": "synthetic_0001"}
choices = reads.parameter_choices(db.con)
def value(key, parameter):
    if parameter.kind == "categorised_model":
        return "vit3b"
    return params[key] if key in params else choices[parameter.kind][0]
for query in named_queries.catalogue():
    if query.name == "integrity":
        continue  # a process of its own
    given = {k: value(k, p) for k, p in query.parameters.items() if p.default is None}
    seconds = timed(lambda: db.query(query.name, given), db.con.interrupt)
    print(json.dumps(["query " + query.name, seconds]), flush=True)
con = db.con
views = [v for (v,) in con.execute(
    "select view_name from duckdb_views() where not internal and view_name not like '%_live' "
    "order by 1").fetchall()]
for view in views:
    seconds = timed(lambda: con.execute(f"select count(*) from {view}").fetchall(), con.interrupt)
    print(json.dumps([f"view {view}", seconds]), flush=True)
"""


def truths(db: Path) -> np.ndarray:
    """Each image's original class id, images 1 to 50,000."""
    with Database.open(db) as database:
        rows = database.sql(
            "select class_id from image_labels where label_set = 'original' order by image_number"
        ).rows
    return np.array([class_id for (class_id,) in rows], np.int32)


def confusable(truth: np.ndarray) -> np.ndarray:
    """SYNTHETIC: per image its original class and 4 other distinct classes, drawn once."""
    rng = np.random.default_rng(2026)
    offsets = np.sort(rng.choice(np.arange(1, 996), size=(IMAGES, 4)), axis=1)
    # Offsets drawn with repeats are made distinct by adding their position (at most 998).
    others = (truth[:, None] + offsets + np.arange(4)) % 1000
    classes = np.concatenate([truth[:, None], others], axis=1)
    assert all(len(set(row)) == 5 for row in classes[:1000])
    return classes


def synthetic_models(first: int, count: int, classes: np.ndarray) -> Iterator[
    tuple[str, Predictions, str, None]
]:  # fmt: skip
    """SYNTHETIC top-5 models with scores (see the module's docstring)."""
    numbers = np.arange(1, IMAGES + 1, dtype=np.int64)
    rows = np.arange(IMAGES)
    for i in range(first, first + count):
        rng = np.random.default_rng(i)
        order = np.tile(np.arange(5), (IMAGES, 1))
        wrong = rng.random(IMAGES) > rng.uniform(0.6, 0.9)
        swap = rng.integers(1, 5, IMAGES)
        order[rows[wrong], 0], order[rows[wrong], swap[wrong]] = swap[wrong], 0
        ids = classes[rows[:, None], order].astype(np.int32)
        raw = rng.random((IMAGES, 6)).astype(np.float32)
        scores = -np.sort(-(raw / raw.sum(axis=1, keepdims=True))[:, :5], axis=1)
        table = pa.table(
            {
                "image_number": np.repeat(numbers, 5),
                "rank": np.tile(np.arange(1, 6, dtype=np.int32), IMAGES),
                "class_id": ids.reshape(-1),
                "score": scores.reshape(-1),
            }
        )
        yield f"synthetic_{i:04d}", Predictions(table, 5, IMAGES), "synthetic", None


def grow(db: Path, count: int, classes: np.ndarray) -> float | None:
    """Add synthetic models until the file holds `count`; seconds per model added."""
    with Database.open(db) as database:
        have = len([m for m in database.model_names() if m.startswith("synthetic_")])
    if have >= count:
        return None
    start = time.perf_counter()
    for first in range(have, count, BATCH):
        with Database.open(db, write=True) as database:
            database.add_models(synthetic_models(first, min(BATCH, count - first), classes))
        print(f"  {first + min(BATCH, count - first)} models", file=sys.stderr, flush=True)
    return (time.perf_counter() - start) / (count - have)


def process(argv: list[str]) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds (user + system) of a whole process, and its stdout."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, check=True, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu, done.stdout


def one(db: Path, statement: str, timeout: float) -> dict[str, float | str]:
    """A statement's seconds (or why it stopped) and peak MiB, in a process of its own."""
    _, _, out = process([sys.executable, "-c", PEAK_RSS + _ONE, str(db), statement, str(timeout)])
    result = json.loads(out.splitlines()[-1])
    return {"seconds": result["seconds"], "peak_mib": result["peak_kib"] / 1024}


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "imagenet_mistakes", *args]


def measure(db: Path, folder: Path, timeout: float) -> dict[str, float | str]:
    """Every measurement at the file's present number of models (see the docstring)."""
    found: dict[str, float | str] = {"file MiB": db.stat().st_size / 2**20}
    logits = folder / "logits.npy"
    if not logits.exists():
        np.save(logits, good_model_logits())
    on = ["--db", str(db)]
    add, floor, cpu = [], [], []
    for _ in range(3):
        wall, used, _ = process(
            cli("add-model", "one_more", "--logits", str(logits), "--db", str(db))
        )
        add.append(wall)
        cpu.append(used)
        process(cli("remove-model", "one_more", "--db", str(db)))
        floor.append(
            process([sys.executable, "-c", f"import numpy; numpy.load({str(logits)!r})"])[0]
        )
    found["add-model, whole process s"] = statistics.median(add)
    found["add-model, CPU s"] = statistics.median(cpu)
    found["add-model / numpy.load floor"] = statistics.median(add) / statistics.median(floor)
    for name, args in [
        ("query integrity (whole file)", ["query", "integrity"]),
        (
            "query integrity -p model=synthetic_0000",
            ["query", "integrity", "-p", "model=synthetic_0000"],
        ),
        ("query leaderboard, table, whole process", ["query", "leaderboard"]),
    ]:
        ran = whole_cli([*args, *on])
        found[name + " s"] = ran.seconds
        found[name + " peak MiB"] = ran.peak_mib
    with Database.open(db) as database:
        live = [
            view
            for (view,) in database.sql(
                "select view_name from duckdb_views() where view_name like '%_live' order by 1"
            ).rows
        ]
    for view in live:
        result = one(db, f"select count(*) from {view}", timeout)
        found[f"view {view} s"] = result["seconds"]
        found[f"view {view} peak MiB"] = result["peak_mib"]
    _, _, out = process([sys.executable, "-c", _EVERY, str(db), str(timeout)])
    for line in out.splitlines():
        if line.startswith('["'):  # not DuckDB's progress bar
            name, seconds = json.loads(line)
            found[name + " s"] = seconds
    return found


def table(results: dict[int, dict[str, float | str]]) -> None:
    """The Markdown table: a row per measurement, a column per N, the last two's growth
    exponent and the projection to 10,000 models."""
    counts = sorted(results)
    header = " | ".join(f"{n:,} models" for n in counts)
    print(f"| what | {header} | exponent | at {PROJECTED:,} (projected) |")
    print("|---" + "|---:" * (len(counts) + 2) + "|")
    names = list(dict.fromkeys(name for n in counts for name in results[n]))
    for name in names:
        values = [results[n].get(name) for n in counts]
        cells = [_shown(v) for v in values]
        exponent, projected = "", ""
        a, b = values[-2:] if len(values) > 1 else (None, None)
        if isinstance(a, float) and isinstance(b, float) and a > 0 and b > 0:
            growth = math.log(b / a) / math.log(counts[-1] / counts[-2])
            exponent = f"{growth:.2f}"
            if "/" not in name:
                projected = _shown(b * (PROJECTED / counts[-1]) ** growth)
        print(f"| {name} | {' | '.join(cells)} | {exponent} | {projected} |")


def _shown(value: float | str | None) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return f"{value:,.0f}" if value >= 100 else f"{value:.3g}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--work", type=Path, required=True, help="The file and results.")
    parser.add_argument("--models", type=int, nargs="+", default=[100, 1000, 3000])
    parser.add_argument("--source-dir", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--timeout", type=float, default=300, help="Seconds a view may take.")
    options = parser.parse_args()
    options.work.mkdir(parents=True, exist_ok=True)
    db = options.work / "scale.duckdb"
    if not db.exists():
        build.build(db, registry.Inputs(options.source_dir, options.work / "cache"))
    classes = confusable(truths(db))
    results: dict[int, dict[str, float | str]] = {}
    for count in sorted(options.models):
        kept = options.work / f"{count}.json"
        if kept.exists():
            results[count] = json.loads(kept.read_text())
            continue
        per_model = grow(db, count, classes)
        found = measure(db, options.work, options.timeout)
        if per_model is not None:
            found["batch add, s a model"] = per_model
        kept.write_text(json.dumps(found, indent=1))
        results[count] = found
        print(f"{count} models measured", file=sys.stderr, flush=True)
    table(results)


if __name__ == "__main__":
    main()
