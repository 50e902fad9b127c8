"""Virtual environments of their own for the clients whose pins clash with the package's.

Kept in the user's cache directory, not in the checkout, and shared by every
checkout and test worker (one installs, under a lock, the others wait).
"""

from __future__ import annotations

import shutil
import subprocess
import venv
from pathlib import Path

import pooch
from filelock import FileLock

HOME = Path(pooch.os_cache("imagenet-mistakes")) / "test-environments"


def made(name: str, requirements: list[str]) -> Path:
    """The bin directory of HOME/name holding `requirements`, installed by pip on first use
    or when they change. Raises OSError or SubprocessError, leaving nothing, when pip fails."""
    home = HOME / name
    HOME.mkdir(parents=True, exist_ok=True)
    with FileLock(HOME / f"{name}.lock"):
        return _made(home, requirements)


def _made(home: Path, requirements: list[str]) -> Path:
    # Written last, with what was installed: an interrupted or outdated install is redone.
    ready = home / "installed.txt"
    wanted = "\n".join(requirements) + "\n"
    if not ready.exists() or ready.read_text() != wanted:
        shutil.rmtree(home, ignore_errors=True)
        try:
            venv.create(home, with_pip=True)
            subprocess.run(
                [home / "bin" / "python", "-m", "pip", "install", "--quiet", *requirements],
                check=True, capture_output=True, timeout=900,
            )  # fmt: skip
        except (OSError, subprocess.SubprocessError):
            shutil.rmtree(home, ignore_errors=True)
            raise
        ready.write_text(wanted)
    return home / "bin"


def requirements_file(path: Path) -> list[str]:
    """The requirement lines of a pip requirements file, comments left out."""
    lines = (line.split("#")[0].strip() for line in path.read_text().splitlines())
    return [line for line in lines if line]
