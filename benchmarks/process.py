"""Timing one whole `imagenet-mistakes` process, shared by the benchmark scripts."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

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


def row(name: str, times: list[float], peak_mib: float | None = None) -> str:
    """One Markdown table row: median and minimum seconds, and peak RSS when measured."""
    peak = f"{peak_mib:.0f}" if peak_mib is not None else ""
    return f"| {name} | {statistics.median(times):.3f} | {min(times):.3f} | {peak} |"


HEADER = "| step | median s | min s | peak RSS MiB |\n|---|---:|---:|---:|"
