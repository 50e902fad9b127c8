"""Thumbnails of validation images, made on every core and kept for the next gallery.

Pillow decodes a JPEG straight at a fraction of its size (`Image.draft`: the
decoder skips the detail a thumbnail drops), and it releases the GIL while it
decodes, scales and encodes, so threads use every core without the cost of
starting processes and copying images between them.
"""

from __future__ import annotations

import io
import os
import warnings
from collections.abc import Collection
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

from imagenet_mistakes import storage
from imagenet_mistakes.validation_images import Located

# Longest side, in pixels: near the width of a card (230 CSS pixels), at about
# 4.5 KB a thumbnail (30 MB for alexnet's 6,613 mistakes).
SIZE = 192
FOLDER = "thumbnails"


def name(number: int) -> str:
    """A thumbnail's file name, relative to the gallery's folder."""
    return f"{FOLDER}/ILSVRC2012_val_{number:08d}.jpg"


@dataclass
class Made:
    """What became of each image asked for."""

    ready: set[int] = field(default_factory=set)  # a thumbnail is there (made now or before)
    missing: set[int] = field(default_factory=set)  # not among the user's images
    unreadable: set[int] = field(default_factory=set)  # corrupt, or not a JPEG


def make(wanted: Collection[int], images: dict[int, Located], out: Path) -> Made:
    """A thumbnail under `out` for each wanted image; those already there are kept.

    Each is written to a temporary name and renamed, so a Ctrl-C never leaves
    a half-written thumbnail for the next run to take as done.
    """
    made = Made()
    out.mkdir(exist_ok=True)  # its parent exists: the caller checked
    (out / FOLDER).mkdir(exist_ok=True)
    todo = []
    for number in sorted(wanted):
        if (out / name(number)).is_file():
            made.ready.add(number)
        elif number in images:
            todo.append(number)
        else:
            made.missing.add(number)
    # An image over Pillow's pixel limit is refused, not a warning on stderr;
    # the filter is process-wide, so the pool's threads see it while it waits.
    pool = ThreadPoolExecutor(os.cpu_count() or 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            thumbnails = pool.map(lambda n: _thumbnail(images[n], out / name(n)), todo)
            for number, ok in zip(todo, thumbnails, strict=True):
                (made.ready if ok else made.unreadable).add(number)
    finally:
        # On Ctrl-C or an error, the images not yet begun are dropped, not waited for.
        pool.shutdown(cancel_futures=True)
    return made


def _thumbnail(source: Located, target: Path) -> bool:
    """Write the thumbnail of one image; False if it is not a readable JPEG."""
    try:
        with Image.open(io.BytesIO(source.read())) as image:
            if image.format != "JPEG":
                return False
            image.draft("RGB", (SIZE, SIZE))
            small = image.convert("RGB")
            small.thumbnail((SIZE, SIZE))
    # What Pillow raises on a damaged or hostile file: OSError, SyntaxError for
    # a bad header, ValueError, and the decompression bomb error and warning
    # (made an error above) for absurd dimensions.
    except (
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ):
        return False
    with storage.written_atomically(target) as tmp:
        small.save(tmp, format="JPEG", quality=80)
    return True
