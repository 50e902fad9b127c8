"""The README's sample outputs, made by running the commands they show, so they cannot drift.

A sample in README.md is a code block after a marker naming the command:

    <!-- sample: query leaderboard --limit 5 -->
    ```
    $ imagenet-mistakes query leaderboard --limit 5
    ...what it prints at 100 columns...
    ```

tests/test_readme.py runs each on the real mirror with the 67 zoo models added
and compares; `python -m tests.readme_samples DB` writes them into README.md
(DB: such a database, e.g. built with `build` and `add-zoo imagenetv2`).
"""

from __future__ import annotations

import io
import re
import shlex
import sys
from pathlib import Path

import pytest
from rich.console import Console

from imagenet_mistakes import cli
from tests.commands import invoke

README = Path(__file__).resolve().parents[1] / "README.md"
WIDTH = 100
_SAMPLE = re.compile(r"<!-- sample: (?P<args>.+?) -->\n```\n(?P<block>.*?)```\n", re.S)


def samples(text: str) -> list[tuple[str, str]]:
    """(command arguments, block as written) of every sample in `text`."""
    return [(m["args"], m["block"]) for m in _SAMPLE.finditer(text)]


def block(args: str, db: Path) -> str:
    """The block a sample should hold: the command line, then its stdout at 100 columns."""
    screen = io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cli, "out", Console(file=screen, width=WIDTH, markup=False))
        code, stdout, stderr = invoke(*shlex.split(args), "--db", db)
    if code != 0:
        raise RuntimeError(f"imagenet-mistakes {args}: exit {code}: {stderr}")
    return f"$ imagenet-mistakes {args}\n{screen.getvalue()}{stdout}"


def updated(text: str, db: Path) -> str:
    return _SAMPLE.sub(
        lambda m: f"<!-- sample: {m['args']} -->\n```\n{block(m['args'], db)}```\n", text
    )


if __name__ == "__main__":
    README.write_text(updated(README.read_text(), Path(sys.argv[1])))
