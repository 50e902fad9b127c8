"""Checks shared by the loaders, each failing with the file's name and the problem."""

from __future__ import annotations

import json
import re
import stat
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from imagenet_mistakes.errors import SourceFormatError, shown

NUM_CLASSES = 1000
NUM_VALIDATION_IMAGES = 50_000
# [0-9], not \d: only ASCII digits name an image (\d takes "٠٠٠٠٠٠٠٦" too).
FILE_NAME = re.compile(r"ILSVRC2012_val_([0-9]{8})\.JPEG")


# The most a text source may hold before it is read whole: far beyond any real one (the
# largest, a timm result file of all 1,000 probabilities per image, is about 1 GB), so that
# a huge file named by mistake (or a 30 GB sparse one) is refused rather than filling memory.
MOST_TEXT = 2 << 30


def text(path: Path, most: int = MOST_TEXT) -> str:
    """A UTF-8 file's text, refusing one larger than `most` bytes before reading it, and
    anything but a regular file (a FIFO would be waited on for ever)."""
    status = path.stat()
    if not stat.S_ISREG(status.st_mode):
        raise SourceFormatError(path, "not a regular file")
    size = status.st_size
    if size > most:
        raise SourceFormatError(
            path, f"{size:,} bytes: larger than any such file ({most:,} at most)"
        )
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise SourceFormatError(path, "not UTF-8 text") from e


def read_json(path: Path, *, unique_keys: bool = False) -> Any:
    """Parse a JSON file, turning a syntax error into a one-line error naming the file;
    with `unique_keys`, a key given twice in an object too (json keeps the last silently)."""
    try:
        return json.loads(text(path), object_pairs_hook=no_duplicate_keys if unique_keys else None)
    except json.JSONDecodeError as e:
        raise SourceFormatError(path, f"malformed JSON at line {e.lineno} column {e.colno}") from e
    except RecursionError as e:
        raise SourceFormatError(path, "JSON nested too deeply to read") from e
    except ValueError as e:  # an integer of thousands of digits, say
        raise SourceFormatError(path, f"unreadable JSON ({str(e)[:80]})") from e


def unique_columns(path: Path, names: Iterable[object]) -> None:
    """Fail on a column named twice: a reader would take one of them, or fail on the name."""
    seen: set[object] = set()
    for name in names:
        if name in seen:
            raise SourceFormatError(path, f"column {shown(str(name))} appears twice")
        seen.add(name)


def no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object's pairs as a dict (json's object_pairs_hook), refusing a key given twice:
    json.loads would keep the last silently."""
    found = dict(pairs)
    if len(found) != len(pairs):
        twice = next(key for i, (key, _) in enumerate(pairs) if key in dict(pairs[:i]))
        raise ValueError(f"key {shown(twice)} appears twice in an object")
    return found


def expect_type(path: Path, value: Any, kind: type, what: str) -> Any:
    """Return `value` if it is a `kind`, else fail saying what was expected."""
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise SourceFormatError(path, f"{what} must be a JSON {kind.__name__}, got {shown(value)}")
    return value


def image_number(path: Path | str, file_name: object) -> int:
    """The 1-based number of a validation image name ILSVRC2012_val_XXXXXXXX.JPEG."""
    match = FILE_NAME.fullmatch(file_name) if isinstance(file_name, str) else None
    number = int(match.group(1)) if match else 0
    if not 1 <= number <= NUM_VALIDATION_IMAGES:
        raise SourceFormatError(
            path,
            f"{shown(file_name)} is not a validation image name "
            "ILSVRC2012_val_XXXXXXXX.JPEG (00000001..00050000)",
        )
    return number


def file_name_of(number: int) -> str:
    """The validation image name for a 1-based image number."""
    return f"ILSVRC2012_val_{number:08d}.JPEG"


def class_id(path: Path, value: object) -> int:
    """Check an integer class id in 0..999."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < NUM_CLASSES:
        raise SourceFormatError(path, f"{shown(value)} is not a class id 0..{NUM_CLASSES - 1}")
    return value


def class_ids_of_wnids(path: Path, wnids: Iterable[object], ids: Mapping[str, int]) -> list[int]:
    """Map wnids to class ids, failing on the first wnid that is not an ImageNet class."""
    out = []
    for wnid in wnids:
        if not isinstance(wnid, str) or wnid not in ids:
            raise SourceFormatError(path, f"unknown wnid {shown(wnid)}")
        out.append(ids[wnid])
    return out
