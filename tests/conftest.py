"""Shared fixtures: the real mirror at ../shared/data, and databases built from it."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NoReturn

import duckdb
import numpy as np
import pytest
from filelock import FileLock

from imagenet_mistakes import Database, build, registry
from tests import environments, superset_server, synthetic
from tests.synthetic import write_mirror

ROOT = Path(__file__).resolve().parents[1]
# The real upstream files: $IMAGENET_MISTAKES_MIRROR, by default ../shared/data beside the checkout.
SHARED_DATA = Path(os.environ.get("IMAGENET_MISTAKES_MIRROR", ROOT.parent / "shared" / "data"))


def unavailable(reason: str) -> NoReturn:
    """Skip a test whose prerequisite is missing; under CI (CI set), fail it instead.

    CI must run every test, so a missing mirror or client there is an error,
    not a quietly green run.
    """
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so this fails rather than skips)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def real_mirror() -> Path:
    """The real upstream files; a test needing them skips without them (fails under CI)."""
    if not (SHARED_DATA / "imagenetv2").is_dir():
        unavailable(f"real source mirror not found at {SHARED_DATA} ($IMAGENET_MISTAKES_MIRROR)")
    return SHARED_DATA


@pytest.fixture(scope="session")
def chromium() -> None:
    """Headless Chromium for the tests that render pages (Debian chromium)."""
    if shutil.which("chromium") is None:
        unavailable("chromium is not installed (Debian chromium)")


@pytest.fixture(scope="session")
def duckdb15_python() -> Path:
    """A Python with DuckDB 1.5, in an environment of its own made on first use
    (tests/environments.py).

    DuckDB 1.5 cannot share an environment with the package's DuckDB 2, so the
    test that opens the file with it arranges its own (one pip install).
    """
    try:
        return environments.made("duckdb15", ["duckdb>=1.5,<1.6"]) / "python"
    except (OSError, subprocess.SubprocessError) as e:
        unavailable(f"cannot install DuckDB 1.5 into {environments.HOME / 'duckdb15'} ({e})")


@pytest.fixture(scope="session")
def superset_bin() -> Path:
    """Apache Superset's own environment (superset_server.environment), made on first use."""
    try:
        return superset_server.environment()
    except (OSError, subprocess.SubprocessError) as e:
        unavailable(f"cannot install Apache Superset into {environments.HOME / 'superset'} ({e})")


def built_once(
    tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]
) -> Path:
    """A fixture database made by the first test process that needs it, then read by all.

    Under pytest-xdist each worker is a process of its own and would make its own copy of
    every session fixture (the 67-model zoo takes a minute); this run's folder is shared by
    its workers, and a lock on it lets one make the file while the others wait. The file
    appears whole (made under another name, then renamed), and is only read by tests.
    """
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # this run's folder, above each worker's own
    path = root / "built-once" / name / "im.duckdb"
    path.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(path.parent / "lock"):
        if not path.exists():
            partial = path.with_name("partial.duckdb")
            make(partial)
            partial.rename(path)
    return path


@pytest.fixture(scope="session")
def real_db(real_mirror: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database built once from the real mirror (multi-labels from the TFDS dump)."""

    def make(db: Path) -> None:
        build.build(db, registry.Inputs(source_dir=real_mirror, cache_dir=db.parent / "cache"))

    return built_once(tmp_path_factory, "real", make)


def with_zoo_models(
    real_db: Path, real_mirror: Path, names: list[str] | None
) -> Callable[[Path], None]:
    """The real database with these models of the ImageNetV2 testbed added (None: all)."""

    def make(db: Path) -> None:
        shutil.copy(real_db, db)
        with Database.open(db, write=True) as database:  # as add-zoo adds them
            database.add_zoo("imagenetv2", names, source_dir=real_mirror, cache_dir=db.parent)

    return make


@pytest.fixture(scope="session")
def real_zoo_db(real_db: Path, real_mirror: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real database with the 67 models of the ImageNetV2 testbed added."""
    return built_once(tmp_path_factory, "zoo", with_zoo_models(real_db, real_mirror, None))


@pytest.fixture(scope="session")
def small_zoo_db(
    real_db: Path, real_mirror: Path, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The real database with three zoo models: enough to exercise every view, quickly."""
    models = ["alexnet", "resnet50", "vgg16"]
    return built_once(tmp_path_factory, "small", with_zoo_models(real_db, real_mirror, models))


@pytest.fixture
def real_con(real_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    with duckdb.connect(str(real_db), read_only=True) as con:
        yield con


@pytest.fixture
def synthetic_mirror(synthetic_mirror_template: Path, tmp_path: Path) -> Path:
    """A small synthetic mirror in the real layout (see tests/synthetic.py), the test's own
    to damage: a copy of one written once (copying takes a twentieth of the time)."""
    return Path(shutil.copytree(synthetic_mirror_template, tmp_path / "mirror"))


@pytest.fixture(scope="session")
def synthetic_mirror_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_mirror(tmp_path_factory.mktemp("synthetic") / "mirror")


@pytest.fixture(scope="session")
def synthetic_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database built once from the synthetic mirror; copy it before changing it."""

    def make(db: Path) -> None:
        mirror = write_mirror(db.parent / "mirror")
        build.build(db, registry.Inputs(source_dir=mirror, cache_dir=db.parent / "cache"))

    return built_once(tmp_path_factory, "synthetic", make)


@pytest.fixture
def synthetic_db(synthetic_db_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the synthetic database for one test."""
    db = tmp_path / "im.duckdb"
    shutil.copy(synthetic_db_template, db)
    return db


@pytest.fixture(scope="session")
def logits(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Random float32 logits for the 50,000 validation images, the original label raised."""
    path = tmp_path_factory.mktemp("logits") / "logits.npy"
    rng = np.random.default_rng(6)
    values = rng.standard_normal((50_000, 1000), dtype=np.float32)
    values[np.arange(50_000), synthetic.original_class_ids()] += 4.0  # a good model: ~80% top-1
    np.save(path, values)
    return path


# The files that take longest, longest first: pytest-xdist hands each worker a file at a
# time in this order, so the short files fill the end and the workers finish
# together, rather than one waiting out a long file alone (the order of `--durations`
# on a full run; pyproject.toml keeps pytest-xdist from reordering them). The first
# three need different databases: one builds the real one while the others build from
# the synthetic mirror, rather than waiting for it.
SLOWEST_FIRST = (
    "test_lake.py", "test_faults.py", "test_ctrl_c.py", "test_metrics_real.py",
    "test_publish.py", "test_superset.py", "test_bad_input.py", "test_timm2022.py",
    "test_timm_results.py", "test_build_synthetic.py", "test_fuzz.py", "test_properties.py",
    "test_intervals.py",
)  # fmt: skip


# The fast subset (`pytest -m "not slow"`, under 2 minutes) leaves out what needs the
# real mirror (its databases take a minute to build) or a real client (Spark,
# PostgreSQL, Chromium, Superset, another DuckDB), what builds from a mirror of its own
# (the synthetic one is built once, for the rest), and the files that kill, interrupt
# or fuzz whole processes, and downloads (from a local server). Every module is still
# run: the rest use the built database.
SLOW_FIXTURES = {
    "real_mirror", "chromium", "duckdb15_python", "superset_bin", "spark", "postgres",
    "synthetic_mirror", "synthetic_mirror_template",
}  # fmt: skip
SLOW_FILES = {
    "test_faults.py", "test_ctrl_c.py", "test_fuzz.py", "test_properties.py", "test_downloads.py",
}  # fmt: skip


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & SLOW_FIXTURES or item.path.name in SLOW_FILES:
            item.add_marker(pytest.mark.slow)
    # Stable: the rest as collected.
    items.sort(
        key=lambda item: (
            SLOWEST_FIRST.index(item.path.name)
            if item.path.name in SLOWEST_FIRST
            else len(SLOWEST_FIRST)
        )
    )
