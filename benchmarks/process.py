"""Timing one whole `imagenet-mistakes` process, shared by the benchmark scripts."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

# Runs the CLI and reports its own peak RSS in KiB last on stderr. VmHWM, not
# ru_maxrss: Linux carries ru_maxrss over from the forked parent across exec.
_CHILD = """
import runpy, sys
sys.argv = ["imagenet-mistakes", *sys.argv[1:]]
try:
    runpy.run_module("imagenet_mistakes", run_name="__main__")
finally:
    print(PEAK_RSS_KIB(), file=sys.stderr)
"""

PEAK_RSS = """
def PEAK_RSS_KIB():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
"""


def run(args: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one whole CLI process."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", PEAK_RSS + _CHILD, *args],
        check=True,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    return seconds, int(done.stderr.split()[-1]) / 1024


def row(name: str, times: list[float], peak_mib: float | None = None) -> str:
    """One Markdown table row: median and minimum seconds, and peak RSS when measured."""
    peak = f"{peak_mib:.0f}" if peak_mib is not None else ""
    return f"| {name} | {statistics.median(times):.3f} | {min(times):.3f} | {peak} |"


HEADER = "| step | median s | min s | peak RSS MiB |\n|---|---:|---:|---:|"
