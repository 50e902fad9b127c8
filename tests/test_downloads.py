"""Downloads through pooch, from a loopback HTTP server standing in for the upstream hosts."""

from __future__ import annotations

import dataclasses
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from imagenet_mistakes import build, sources
from imagenet_mistakes.errors import SourceUnavailable
from tests import synthetic

CANONICAL = "multilabel/human_accuracy_v3.0.0.json"


class _Handler(http.server.SimpleHTTPRequestHandler):
    def do_GET(self) -> None:
        # Like the real bucket today: the canonical multi-label file is forbidden.
        if self.path.endswith(CANONICAL):
            self.send_error(403)
        else:
            super().do_GET()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def served(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Path, dict[str, sources.Source]]]:
    """Serve a synthetic mirror on 127.0.0.1 and point the manifest's URLs (and checksums) at it."""
    mirror = synthetic.write_mirror(tmp_path / "upstream")
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Handler, directory=str(mirror))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    local = {
        key: dataclasses.replace(
            s,
            url=base + s.mirror_path,
            sha256=sources.sha256_of(mirror / s.mirror_path)
            if (mirror / s.mirror_path).is_file()
            else s.sha256,
        )
        if s.mirror_path
        else s
        for key, s in sources.manifest().items()
    }
    monkeypatch.setattr(build, "manifest", lambda: local)
    yield mirror, local
    server.shutdown()
    thread.join()


def origins(db: Path) -> dict[str, str]:
    with duckdb.connect(str(db), read_only=True) as con:
        return dict(con.execute("select source_id, origin from sources").fetchall())


def test_download_then_cache_and_403_falls_back_to_the_dump(
    served: tuple[Path, dict[str, sources.Source]], tmp_path: Path
) -> None:
    upstream, _ = served
    cache = tmp_path / "cache"
    db = tmp_path / "im.duckdb"
    build.build(db, build.Inputs(source_dir=None, cache_dir=cache))
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

    build.build(db, build.Inputs(source_dir=None, cache_dir=cache))
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


def test_a_download_that_does_not_verify_is_refused(
    served: tuple[Path, dict[str, sources.Source]], tmp_path: Path
) -> None:
    source = dataclasses.replace(served[1]["real"], sha256="0" * 64)
    with pytest.raises(SourceUnavailable, match="real.json"):
        sources.fetch(source, source_dir=None, cache_dir=tmp_path / "cache")
    assert not (tmp_path / "cache/reassessed-imagenet/real.json").exists()
