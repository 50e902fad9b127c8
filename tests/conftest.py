"""Shared fixtures: the real mirror at ../shared/data, and databases built from it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from imagenet_mistakes import build, models, zoo
from tests.synthetic import write_mirror

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.fixture(scope="session")
def real_mirror() -> Path:
    """The real upstream files, or a skip when this checkout has no ../shared/data beside it."""
    if not (SHARED_DATA / "imagenetv2").is_dir():
        pytest.skip(f"real source mirror not found at {SHARED_DATA}")
    return SHARED_DATA


@pytest.fixture(scope="session")
def real_db(real_mirror: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database built once from the real mirror (multi-labels from the TFDS dump)."""
    db = tmp_path_factory.mktemp("real") / "im.duckdb"
    build.build(db, build.Inputs(source_dir=real_mirror, cache_dir=db.parent / "cache"))
    return db


@pytest.fixture(scope="session")
def real_zoo_db(real_db: Path, real_mirror: Path) -> Path:
    """The real database with the 67 models of the ImageNetV2 testbed added."""
    db = real_db.with_name("zoo.duckdb")
    shutil.copy(real_db, db)
    loaded = zoo.predictions("imagenetv2", None, source_dir=real_mirror, cache_dir=db.parent)
    models.add_many(db, [(name, rows, local.location, None) for name, rows, local in loaded])
    return db


@pytest.fixture(scope="session")
def small_zoo_db(
    real_db: Path, real_mirror: Path, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The real database with three zoo models: enough to exercise every view, quickly."""
    db = tmp_path_factory.mktemp("lake") / "small.duckdb"
    shutil.copy(real_db, db)
    loaded = zoo.predictions(
        "imagenetv2", ["alexnet", "resnet50", "vgg16"], source_dir=real_mirror, cache_dir=db.parent
    )
    models.add_many(db, [(name, rows, local.location, None) for name, rows, local in loaded])
    return db


@pytest.fixture
def real_con(real_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    with duckdb.connect(str(real_db), read_only=True) as con:
        yield con


@pytest.fixture
def synthetic_mirror(tmp_path: Path) -> Path:
    """A small synthetic mirror in the real layout (see tests/synthetic.py)."""
    return write_mirror(tmp_path / "mirror")


@pytest.fixture(scope="session")
def synthetic_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database built once from the synthetic mirror; copy it before changing it."""
    root = tmp_path_factory.mktemp("synthetic")
    mirror = write_mirror(root / "mirror")
    db = root / "im.duckdb"
    build.build(db, build.Inputs(source_dir=mirror, cache_dir=root / "cache"))
    return db


@pytest.fixture
def synthetic_db(synthetic_db_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the synthetic database for one test."""
    db = tmp_path / "im.duckdb"
    shutil.copy(synthetic_db_template, db)
    return db
