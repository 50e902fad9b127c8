"""A loopback HTTP server standing in for the upstream hosts, serving a synthetic mirror."""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

from imagenet_mistakes import sources

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


@contextlib.contextmanager
def served(mirror: Path) -> Iterator[dict[str, sources.Source]]:
    """Serve `mirror` on 127.0.0.1; yield the manifest with URLs and checksums pointing at it.

    Callers patch `build.manifest` to return the yielded dict, which they may
    still change (a wrong checksum, say).
    """
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Handler, directory=str(mirror))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        yield {
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
    finally:
        server.shutdown()
        thread.join()
