"""Row-order files: which validation image each row of a prediction array is.

Three formats: a JSON list of file names; the ImageNetV2 dataset format
`{"image_filenames": [[file_name, wnid], ...]}`; or text with one file name
per line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import numpy as np
import pyarrow as pa

from imagenet_mistakes.errors import SourceFormatError
from imagenet_mistakes.loaders import validate
from imagenet_mistakes.loaders.prediction_table import image_numbers
from imagenet_mistakes.loaders.validate import expect_type, image_number, read_json

# 50,000 file names, with their wnids in ImageNetV2's format: a few megabytes.
_MOST = 64 << 20


@dataclass(frozen=True)
class RowOrder:
    """The image number (1..50000) of each row of a prediction array, read from `path`."""

    path: Path | str
    numbers: np.ndarray


def load(path: Path) -> RowOrder:
    """The image of each row, in row order; no image twice."""
    return from_names(path, _names(path))


def from_names(where: Path | str, names: Sequence[object]) -> RowOrder:
    """The row order that file names give, checked; `where` names them in an error.

    Read with Arrow's regular expressions, all names at once (a Python loop took a
    tenth of a second for each of a zoo's files); the first bad or repeated name is
    then found one by one, for the message.
    """
    if not names:
        raise SourceFormatError(where, "names no images")
    try:
        text = pa.array(names, pa.string())
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        text = None
    if text is None or text.null_count:  # not all text: the loop says which is not
        _first_problem(where, names)
    numbers = image_numbers(where, text)
    if len(np.unique(numbers)) < len(numbers):
        _first_problem(where, names)
    return RowOrder(where, numbers)


def _first_problem(where: Path | str, names: Sequence[object]) -> NoReturn:
    """Raise the error of the first name that is not a validation image, or repeats one."""
    seen: set[int] = set()
    for name in names:
        number = image_number(where, name)
        if number in seen:
            raise SourceFormatError(where, f"{name} appears twice")
        seen.add(number)
    raise AssertionError("no bad name among names found bad")


def _names(path: Path) -> list[object]:
    text = validate.text(path, most=_MOST)
    if not text.lstrip().startswith(("[", "{")):
        return [line.strip() for line in text.splitlines() if line.strip()]
    data = read_json(path)
    if isinstance(data, dict):
        pairs = expect_type(path, data.get("image_filenames"), list, "image_filenames")
        return [
            expect_type(path, pair, list, "an image_filenames entry")[0] if pair else None
            for pair in pairs
        ]
    return list(expect_type(path, data, list, "the top level"))
