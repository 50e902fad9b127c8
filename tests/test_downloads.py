"""Downloads through pooch, from a loopback HTTP server standing in for the upstream hosts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from imagenet_mistakes import build, registry, sources
from tests import http_mirror, synthetic


@pytest.fixture
def served(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Path, dict[str, sources.Source]]]:
    """Serve a synthetic mirror on 127.0.0.1 and point the manifest's URLs (and checksums) at it."""
    mirror = synthetic.write_mirror(tmp_path / "upstream")
    with http_mirror.served(mirror) as local:
        monkeypatch.setattr(registry, "manifest", lambda: local)
        yield mirror, local


def origins(db: Path) -> dict[str, str]:
    with duckdb.connect(str(db), read_only=True) as con:
        return dict(con.execute("select source_id, origin from sources").fetchall())


def test_download_then_cache_and_403_falls_back_to_the_dump(
    served: tuple[Path, dict[str, sources.Source]], tmp_path: Path
) -> None:
    upstream, _ = served
    cache = tmp_path / "cache"
    db = tmp_path / "im.duckdb"
    build.build(db, registry.Inputs(source_dir=None, cache_dir=cache))
    first = origins(db)
    assert first["real"] == "download" and first["classes"] == "download"
    assert "human_accuracy_v3" not in first and first["tfds_multilabel_dump"] == "download"
    with duckdb.connect(str(db), read_only=True) as con:
        (note,) = con.execute(
            "select note from sources where source_id = 'tfds_multilabel_dump'"
        ).fetchone() or ("",)
    assert "download failed (HTTP 403 Forbidden)); used the TFDS dump instead" in note
    # The cache keeps the mirror layout, so it can serve as --source-dir.
    assert (cache / "reassessed-imagenet/real.json").read_bytes() == (
        upstream / "reassessed-imagenet/real.json"
    ).read_bytes()

    build.build(db, registry.Inputs(source_dir=None, cache_dir=cache))
    second = origins(db)
    assert second["real"] == "cache" and second["tfds_multilabel_dump"] == "cache"


def test_a_corrupted_cached_copy_is_downloaded_again(
    served: tuple[Path, dict[str, sources.Source]], tmp_path: Path
) -> None:
    upstream, manifest = served
    cache = tmp_path / "cache"
    source = manifest["real"]
    sources.fetch(source, source_dir=None, cache_dir=cache)
    cached = cache / "reassessed-imagenet/real.json"
    cached.write_text("[]")
    again = sources.fetch(source, source_dir=None, cache_dir=cache)
    assert again.origin == "download" and again.sha256_matches
    assert cached.read_bytes() == (upstream / "reassessed-imagenet/real.json").read_bytes()
