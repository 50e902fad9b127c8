"""Every command driven with generated arguments and files: the README's contract holds for each.

Exit 0, 1, 2, 3 or 130 and never a traceback; a refusal is one `Error:` line
on stderr (after any warnings about sources) with nothing on stdout, and the
database exactly as it was.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from typer.main import get_command
from typer.testing import CliRunner

from imagenet_mistakes.cli import app
from tests import synthetic
from tests.fingerprint import fingerprint

runner = CliRunner()
COMMANDS = get_command(app).commands  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("inputs")


@pytest.fixture(scope="module")
def inputs(folder: Path) -> list[str]:
    """Values an argument may get: good and bad files, odd names, numbers, URLs."""
    good = folder / "good.csv"
    good.write_text(f"file_name,class_id\n{synthetic.image(1)},1\n")
    garbage = folder / "garbage.bin"
    garbage.write_bytes(bytes(range(256)) * 8)
    empty = folder / "empty.csv"
    empty.write_text("")
    bracketed = folder / "[bold]x.csv"
    bracketed.write_text(good.read_text())
    top5 = folder / "top5.npy"
    np.save(top5, np.arange(5).reshape(1, 5))
    order = folder / "order.json"
    order.write_text(f'["{synthetic.image(1)}"]')
    nested = folder / "nested.json"
    nested.write_text("[" * 10_000 + "]" * 10_000)
    return [
        str(p) for p in (good, garbage, empty, bracketed, top5, order, nested, folder)
    ] + [
        str(folder / "missing.npy"),
        str(folder / "new_dir" / "out.html"),
        "m", "tiny", "-x", "[bold red]hi[/x]", "", " ", "a=b", "model=m", "model=[x]",
        "limit=0", "limit=abc", "limit=5", "0", "-1", "99999999999", "\u0663",
        "select 1", "select * from leaderboard", "drop table models", "copy models to 'x.csv'",
        "leaderboard", "model_summary", "imagenetv2", "postgresql://nobody@127.0.0.1:1/x",
        "mysql://a:secret@h/d", "json", "xml", "csv",
    ]  # fmt: skip


# Values that fit an argument, so that runs get past parsing as often as they stop there.
FITTING = {
    "name": ["m", "tiny", "leaderboard", "model_summary", "worst_classes", "integrity"],
    "model": ["m", "tiny", "vit3b"],
    "zoo_name": ["imagenetv2"],
    "statement": ["select * from leaderboard", "select 1 as a, 2 as a", "drop table models"],
    "out": ["lake", "report.html"],
    "url": ["postgresql://nobody@127.0.0.1:1/x"],
}
PARAMETERS = ["model=tiny", "model=m", "model=vit3b", "limit=3", "label_set=real", "a=tiny"]


def invocation(inputs: list[str]) -> st.SearchStrategy[list[str]]:
    """A command, its arguments (mostly as many as it takes), a few of its options with values."""

    def for_command(name: str) -> st.SearchStrategy[list[str]]:
        params = COMMANDS[name].params
        arguments = [p.name for p in params if p.param_type_name == "argument"]
        flags = [p.opts[0] for p in params if getattr(p, "is_flag", False)]
        options = [
            o
            for p in params
            if p.param_type_name == "option" and not p.is_flag and p.name != "db"
            for o in p.opts
        ]
        value = st.sampled_from(inputs)
        fitting = [st.sampled_from(FITTING[a]) | value for a in arguments]
        option_value = st.sampled_from(PARAMETERS) | value
        return st.tuples(
            st.tuples(*fitting).map(list) | st.lists(value, max_size=len(arguments) + 1),
            st.lists(st.tuples(st.sampled_from(options), option_value), max_size=3)
            if options
            else st.just([]),
            st.lists(st.sampled_from(flags), max_size=1) if flags else st.just([]),
        ).map(lambda t: [name, *t[0], *(x for pair in t[1] for x in pair), *t[2]])

    # Not `shell`: it replaces the process with the DuckDB CLI (os.execv), which in process
    # would be the test runner's (an example that drew it ended pytest silently);
    # tests/test_first_hour.py runs it as a process of its own.
    return st.sampled_from(sorted(set(COMMANDS) - {"shell"})).flatmap(for_command)


@settings(
    max_examples=35,  # bounded by CI's 15 minutes, as in tests/test_properties.py
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_every_command_keeps_the_contract(
    data: st.DataObject, inputs: list[str], folder: Path, synthetic_db: Path
) -> None:
    args = data.draw(invocation(inputs))
    if args[0] in ("add-zoo", "build") and "--source-dir" not in args:
        args += ["--source-dir", str(folder)]  # never a download from a test
    before = fingerprint(synthetic_db)
    with contextlib.chdir(folder):  # relative paths land there
        result = runner.invoke(app, [*args, "--db", str(synthetic_db)])
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        args,
        result.exception,
    )
    assert result.exit_code in (0, 1, 2, 3, 130), (args, result.stderr)
    # What was tried (pytest --hypothesis-show-statistics lists them).
    event(f"{args[0]} exit {result.exit_code}")
    if result.exit_code != 0:
        lines = [line for line in result.stderr.splitlines() if not line.startswith("WARNING: ")]
        assert result.stdout == "", (args, result.stdout)
        assert len(lines) == 1 and lines[0].startswith("Error: "), (args, result.stderr)
        assert fingerprint(synthetic_db) == before, args
