"""ReaL's ratings behind its labels (Beyer et al. 2020): `scores.npz` and `raters.npz`.

Both are NumPy archives over the same N questions, `info`: (N, 2) strings,
each an image file name and a class id the raters were asked about.
- `scores.npz`: `tensor`, (N,) floats in [0, 1]: the Dawid & Skene
  posterior that the class is right for the image. real.json lists the
  classes scoring at least 0.8, with the classes of the images raters never
  saw (every model agreed with the original label there).
- `raters.npz`: `tensor`, (R, N, 3) 0/1: rater r answered question n with
  no, maybe or yes; `ids` the raters. Summed over raters here: the votes.

Read with allow_pickle=False: an archive can only hold arrays, never code.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import numpy as np
import pyarrow as pa

from imagenet_mistakes.errors import SourceFormatError
from imagenet_mistakes.loaders.prediction_table import image_numbers
from imagenet_mistakes.loaders.validate import NUM_CLASSES


def load_scores(path: Path) -> tuple[np.ndarray, np.ndarray]:
    """The questions (info, (N, 2)) and their scores ((N,) in [0, 1])."""
    info, scores = _arrays(path, ("info", "tensor"))
    if scores.ndim != 1 or info.shape != (len(scores), 2):
        raise SourceFormatError(path, f"info {info.shape} and tensor {scores.shape} do not match")
    if info.dtype.kind != "U":
        raise SourceFormatError(path, f"info: not (file name, class) strings ({info.dtype})")
    if not np.issubdtype(scores.dtype, np.floating) or not ((scores >= 0) & (scores <= 1)).all():
        raise SourceFormatError(path, "tensor: scores outside [0, 1]")
    return info, scores


def ratings(path: Path, info: np.ndarray, scores: np.ndarray) -> pa.Table:
    """Rows of `real_ratings`: each question's image, class, score and votes, from the
    raters' file at `path` (over the same questions as the scores' `info`)."""
    raters_info, votes = _arrays(path, ("info", "tensor"))
    if raters_info.shape != info.shape or not (raters_info == info).all():
        raise SourceFormatError(path, "info: not the questions of scores.npz, in its order")
    expected = (len(info), 3)
    if not np.issubdtype(votes.dtype, np.number) or votes.ndim != 3 or votes.shape[1:] != expected:
        raise SourceFormatError(path, f"tensor {votes.shape}: not (raters, {len(info)}, 3) numbers")
    # Checked through reductions: the tensor is 85 x 184,962 x 3 doubles (377 MB),
    # and a test of every cell took longer than the rest of the load.
    counts = votes.sum(axis=0)
    if votes.min() < 0 or votes.max() > 1 or (counts != np.round(counts)).any():
        raise SourceFormatError(path, "tensor: votes other than 0 and 1")
    if (counts.sum(axis=1) > len(votes)).any():
        raise SourceFormatError(path, "tensor: more answers to a question than raters")
    counts = counts.astype(np.int32)
    numbers = image_numbers(path, pa.array(info[:, 0])).astype(np.int32)
    try:
        classes = info[:, 1].astype(np.int32)
    except ValueError as e:
        raise SourceFormatError(path, f"info: a class that is not a number ({e})") from e
    if ((classes < 0) | (classes >= NUM_CLASSES)).any():
        raise SourceFormatError(path, "info: a class outside 0..999")
    rows = pa.table(
        {
            "image_number": numbers,
            "class_id": classes,
            "score": scores.astype(np.float64),
            "votes_no": counts[:, 0],
            "votes_maybe": counts[:, 1],
            "votes_yes": counts[:, 2],
        }
    )
    if len(np.unique(numbers.astype(np.int64) * NUM_CLASSES + classes)) != len(numbers):
        raise SourceFormatError(path, "info: a question asked twice")
    return rows.sort_by([("image_number", "ascending"), ("class_id", "ascending")])


def _arrays(path: Path, names: tuple[str, ...]) -> list[np.ndarray]:
    try:
        with np.load(path, allow_pickle=False) as archive:
            missing = sorted(set(names) - set(archive.files))
            if missing:
                raise SourceFormatError(path, f"missing arrays {missing}")
            return [archive[name] for name in names]
    except (OSError, ValueError, zipfile.BadZipFile, EOFError) as e:
        raise SourceFormatError(path, f"not a NumPy archive ({e})") from e
