"""The source manifest, and getting a verified local copy of each source.

A source is read from one of three places: a local mirror (`--source-dir`,
read as is, a checksum mismatch only warns), the download cache (pooch
verifies it against the manifest's sha256 and downloads again when it does not
match), or a file shipped inside an installed package.
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import sys
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Literal

from imagenet_mistakes.errors import BadArgument, SourceFormatError, SourceUnavailable

log = logging.getLogger(__name__)

Origin = Literal["download", "cache", "mirror", "package", "user"]


@dataclass(frozen=True)
class Source:
    """One entry of `data/sources.toml`."""

    id: str
    description: str
    licence: str
    citation: str
    url: str | None = None
    mirror_path: str | None = None
    sha256: str | None = None
    size: int | None = None
    package: str | None = None
    resource: str | None = None
    # The paper model whose manual mistake categorisation this is.
    model: str | None = None
    # The paper model whose logits this is.
    paper_model: str | None = None


@dataclass(frozen=True)
class LocalFile:
    """A source's bytes on local disk, and how they got there."""

    source: Source
    path: Path
    origin: Origin
    sha256: str

    @property
    def sha256_matches(self) -> bool | None:
        """Whether the file is the one the manifest names; None when it names no checksum."""
        return None if self.source.sha256 is None else self.sha256 == self.source.sha256

    @property
    def location(self) -> str:
        """The URL for downloaded files, else the local path that was read."""
        if self.origin in ("download", "cache") and self.source.url:
            return self.source.url
        return str(self.path)


def manifest() -> dict[str, Source]:
    """All sources of the manifest, by id."""
    text = (resources.files("imagenet_mistakes") / "data" / "sources.toml").read_text()
    return {key: Source(id=key, **entry) for key, entry in tomllib.loads(text).items()}


def sha256_of(path: Path) -> str:
    """The hex sha256 of a file, read in chunks so large files need little memory."""
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def fetch(
    source: Source, *, source_dir: Path | None, cache_dir: Path, progressbar: bool = True
) -> LocalFile:
    """Return a local copy of `source`: from the mirror if given, else the package or the cache.

    With `source_dir` nothing is downloaded: a mirror build is an offline build.
    """
    if source.package is not None:
        return _from_package(source)
    if source_dir is not None:
        if not source_dir.is_dir():
            raise BadArgument(f"--source-dir {source_dir}: not a folder")
        return _from_mirror(source, source_dir)
    if cache_dir.exists() and not cache_dir.is_dir():
        raise BadArgument(f"--cache-dir {cache_dir}: not a folder")
    return _from_cache(source, cache_dir, progressbar)


def user_file(source: Source, path: Path) -> LocalFile:
    """A file the user named on the command line to stand in for `source`."""
    check_user_file(path)
    return LocalFile(source, path, "user", sha256_of(path))


def check_user_file(path: Path) -> None:
    """Refuse (exit 2) a path the user gave that is not a regular file (/dev/null, a FIFO)."""
    if not path.is_file():
        problem = "not a regular file" if path.exists() else "no such file"
        raise BadArgument(f"{path}: {problem}")


def _from_package(source: Source) -> LocalFile:
    assert source.package is not None and source.resource is not None
    # find_spec of the top-level package, not resources.files: it locates the package
    # without running its __init__ (imagenet_x's imports pandas and tqdm; finding
    # tensorflow_datasets.datasets.imagenet2012 would import tensorflow_datasets, 1-2 s).
    top, *folders = source.package.split(".")
    try:
        spec = importlib.util.find_spec(top)
    except ModuleNotFoundError:
        spec = None
    if spec is None or not spec.submodule_search_locations:
        raise SourceUnavailable(f"{source.package}: not installed ({source.id})")
    path = Path(spec.submodule_search_locations[0]).joinpath(*folders, source.resource)
    if not path.is_file():
        raise SourceUnavailable(f"{path}: missing from the installed {source.package}")
    return LocalFile(source, path, "package", sha256_of(path))


def _from_mirror(source: Source, source_dir: Path) -> LocalFile:
    assert source.mirror_path is not None
    path = source_dir / source.mirror_path
    if not path.is_file():
        raise SourceUnavailable(f"{path}: not in the source mirror ({source.id})")
    local = LocalFile(source, path, "mirror", sha256_of(path))
    if local.sha256_matches is False:
        log.warning("%s: sha256 differs from the manifest's; reading the mirror copy as is", path)
    return local


def _from_cache(source: Source, cache_dir: Path, progressbar: bool) -> LocalFile:
    assert source.url is not None and source.mirror_path is not None
    # The cache keeps the mirror layout, so a cache directory is itself a valid --source-dir.
    path = cache_dir / source.mirror_path
    known_hash = f"sha256:{source.sha256}" if source.sha256 else None
    was_cached = path.is_file() and (source.sha256 is None or sha256_of(path) == source.sha256)
    # Imported here: every command imports this module, few download, and these take 70 ms.
    import pooch
    import requests

    # pooch logs through its own handler, fixed to the stderr of its import;
    # say it in our format instead.
    pooch.get_logger().setLevel(logging.WARNING)
    if not was_cached:
        log.info("downloading %s", source.url)
    try:
        pooch.retrieve(
            source.url,
            known_hash=known_hash,
            fname=path.name,
            path=path.parent,
            # A bar only on a terminal: in logs and pipes it is a screenful of carriage returns.
            progressbar=progressbar and sys.stderr.isatty(),
        )
    except requests.HTTPError as e:
        response = e.response
        status = f"HTTP {response.status_code} {response.reason}" if response is not None else e
        raise SourceUnavailable(f"{source.url}: download failed ({status})") from e
    except requests.ConnectionError as e:
        raise SourceUnavailable(
            f"{source.url}: cannot connect; offline, use --source-dir with a local mirror"
        ) from e
    except ValueError as e:  # pooch's checksum mismatch: the bytes are wrong, not missing
        raise SourceFormatError(source.url, str(e)) from e
    # pooch has verified a download against a known checksum; hash only what it could not check.
    sha256 = source.sha256 or sha256_of(path)
    return LocalFile(source, path, "cache" if was_cached else "download", sha256)
