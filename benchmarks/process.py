"""Timing one whole process, with its own peak memory, for the benchmark scripts."""

from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import dataclass

# Runs a module (`-m` style) or a script, then reports its own peak RSS in KiB
# last on stderr. VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the
# forked parent across exec.
_CHILD = """
import runpy, sys
target = sys.argv[1]
sys.argv = sys.argv[1:]
try:
    if target.endswith(".py"):
        runpy.run_path(target, run_name="__main__")
    else:
        runpy.run_module(target, run_name="__main__", alter_sys=True)
finally:
    print(PEAK_RSS_KIB(), file=sys.stderr)
"""

PEAK_RSS = """
def PEAK_RSS_KIB():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
"""


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mib: float
    stdout: str


def run(target: str, args: list[str]) -> Run:
    """One whole process of a module (e.g. "imagenet_mistakes") or a script path."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", PEAK_RSS + _CHILD, target, *args],
        check=True,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    return Run(seconds, int(done.stderr.split()[-1]) / 1024, done.stdout)


def cli(args: list[str]) -> Run:
    """One whole `imagenet-mistakes` process."""
    return run("imagenet_mistakes", args)
