"""The user's own copy of the 50,000 validation images, wherever it is.

The project cannot ship the images (ImageNet's terms), but nearly every user
has them, in one of three layouts: a flat folder of `ILSVRC2012_val_*.JPEG`,
class folders (`val/<wnid>/<file>`, as torchvision's ImageFolder wants), or
the original `ILSVRC2012_img_val.tar`, read in place: each image's bytes are
found by their offset in the archive, so nothing is extracted.
"""

from __future__ import annotations

import os
import re
import tarfile
from dataclasses import dataclass
from pathlib import Path

from imagenet_mistakes.errors import BadArgument

_NAME = re.compile(r"ILSVRC2012_val_([0-9]{8})\.jpe?g", re.IGNORECASE)

# Far above any validation image (JPEG photographs of a few megabytes): a file of more is
# none, and is not read into memory.
LARGEST_IMAGE = 64 << 20

LAYOUTS = (
    "ILSVRC2012_val_XXXXXXXX.JPEG files in it or in its class folders, or ILSVRC2012_img_val.tar"
)


@dataclass(frozen=True)
class Located:
    """Where one image's bytes are: a file, or `size` bytes at `offset` of a tar."""

    path: Path
    offset: int | None = None
    size: int | None = None

    def read(self) -> bytes:
        """The image's bytes; OSError when they cannot be read, or there are more than an
        image can have (a 30 GB file named as one would fill the memory)."""
        with self.path.open("rb") as f:
            size = os.fstat(f.fileno()).st_size if self.size is None else self.size
            if size > LARGEST_IMAGE:
                raise OSError(f"{size:,} bytes: too large for a validation image")
            if self.offset is not None:
                f.seek(self.offset)
            return f.read(size)


def find(path: Path) -> dict[int, Located]:
    """Every validation image under `path`, by image number (1 to 50,000).

    A folder is searched to two levels (the images, or class folders of
    them), not deeper: pointed at a whole ImageNet tree by mistake, it answers
    at once instead of walking the 1.28 million training images.
    """
    if path.is_dir():
        found = _in_folder(path)
    elif path.is_file():
        found = _in_tar(path)
    elif path.exists():
        raise BadArgument(f"{path}: not a folder or a tar archive")
    else:
        raise BadArgument(f"{path}: no such file or folder")
    if not found:
        raise BadArgument(f"{path}: holds no ImageNet validation images ({LAYOUTS})")
    return found


def _number(name: str) -> int | None:
    match = _NAME.fullmatch(name)
    number = int(match.group(1)) if match else 0
    return number if 1 <= number <= 50_000 else None


def _in_folder(folder: Path) -> dict[int, Located]:
    found: dict[int, Located] = {}
    try:
        with os.scandir(folder) as top:
            entries = sorted(top, key=lambda e: e.name)
    except OSError as e:
        raise BadArgument(f"{e.filename or folder}: {e.strerror or e}") from e
    for entry in entries:
        if _is(entry, "dir"):
            try:
                with os.scandir(entry.path) as inner:
                    files = sorted((e for e in inner if _is(e, "file")), key=lambda e: e.name)
            except OSError:  # a class folder that cannot be listed holds no image we can show
                continue
        elif _is(entry, "file"):
            files = [entry]
        else:
            continue
        for file in files:
            number = _number(file.name)
            if number is not None:
                found.setdefault(number, Located(Path(file.path)))
    return found


def _is(entry: os.DirEntry[str], kind: str) -> bool:
    """Whether an entry is a file (or folder), through a symbolic link. One the system cannot
    say of (a link to itself, a loop) counts as a file: named as an image, it is then
    found, and skipped and counted as unreadable like a corrupt one, never an error."""
    try:
        return entry.is_file() if kind == "file" else entry.is_dir()
    except OSError:
        return kind == "file"


def _in_tar(archive: Path) -> dict[int, Located]:
    found: dict[int, Located] = {}
    try:
        # "r:" reads an uncompressed archive only: offsets into a compressed
        # one would not be offsets into the file.
        with tarfile.open(archive, "r:") as tar:
            for member in tar:
                number = _number(Path(member.name).name) if member.isfile() else None
                if number is not None:
                    found.setdefault(number, Located(archive, member.offset_data, member.size))
    except tarfile.ReadError as e:
        raise BadArgument(
            f"{archive}: not an uncompressed tar archive of validation images ({e})"
        ) from e
    except OSError as e:
        raise BadArgument(f"{archive}: {e.strerror or e}") from e
    return found
