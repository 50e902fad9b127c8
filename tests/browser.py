"""Headless Chromium as the tests use it: a page's DOM once its scripts ran, or a picture."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

# Skips without Chromium, and fails under CI (conftest's `chromium` fixture).
needed = pytest.mark.usefixtures("chromium")

_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run",
]  # fmt: skip


def dom(url: str, wait_ms: int) -> str:
    """The page's DOM after `wait_ms` of virtual time (scripts run, timers fire, no real wait)."""
    return _chromium(f"--virtual-time-budget={wait_ms}", "--dump-dom", url)


def screenshot(url: str, png: Path, wait_ms: int, width: int = 1400, height: int = 1000) -> None:
    """A PNG of the page's window after `wait_ms` of virtual time."""
    _chromium(
        f"--virtual-time-budget={wait_ms}", f"--window-size={width},{height}",
        f"--screenshot={png}", url,
    )  # fmt: skip


def _chromium(*args: str) -> str:
    found = subprocess.run(
        ["chromium", *_FLAGS, *args], capture_output=True, text=True, timeout=120, check=True
    )
    return found.stdout
