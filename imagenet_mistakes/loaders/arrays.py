"""NumPy array files (.npy, or .npz holding one array or a named one) of model outputs.

Logits are (images, 1,000) floats; top-k files are (images, k) integer class
ids, best first. Both are checked for shape and values before anything uses them.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import numpy as np

from imagenet_mistakes.errors import SourceFormatError
from imagenet_mistakes.loaders.validate import NUM_CLASSES


def read(path: Path, array: str | None = None) -> np.ndarray:
    """The array in a .npy file, or the single (or `array`-named) array of a .npz file."""
    try:
        # A .npy is mapped, not copied: its pages come straight from the OS
        # cache, which saves a 200 MB copy and its page faults for 50k x 1000
        # float32 logits. (mmap_mode does not apply to .npz members.)
        loaded = np.load(path, mmap_mode="r", allow_pickle=False)
    except (ValueError, OSError, EOFError, zipfile.BadZipFile) as e:
        raise SourceFormatError(path, f"not a readable .npy/.npz array file ({e})") from e
    if isinstance(loaded, np.ndarray):
        if array is not None:
            raise SourceFormatError(
                path, f"a .npy file holds one array; --array {array} is for .npz"
            )
        return loaded
    with loaded:
        names = loaded.files
        if array is None:
            if len(names) != 1:
                raise SourceFormatError(
                    path, f"holds {len(names)} arrays {names}; choose one with --array"
                )
            array = names[0]
        if array not in names:
            raise SourceFormatError(path, f"no array {array!r}; it holds {names}")
        try:
            values = loaded[array]
        except (ValueError, OSError, EOFError, zipfile.BadZipFile) as e:
            raise SourceFormatError(path, f"array {array!r} is unreadable ({e})") from e
        # NumPy hands back the raw bytes of a member that is not .npy data.
        if not isinstance(values, np.ndarray):
            raise SourceFormatError(path, f"array {array!r} is not .npy data")
        return values


def logits(path: Path, array: str | None = None) -> np.ndarray:
    """A float (images, 1000) array of logits.

    Not yet checked finite: `predictions.top_k` checks each block of rows as
    it selects from it, on every core, rather than in a pass of its own.
    """
    return checked_logits(path, read(path, array))


def checked_logits(where: Path | str, values: np.ndarray) -> np.ndarray:
    """`values` if they are float (images, 1000) logits; `where` names them in the error."""
    if not np.issubdtype(values.dtype, np.floating):
        raise SourceFormatError(where, f"logits must be float16/32/64, got {values.dtype}")
    if values.ndim != 2 or values.shape[1] != NUM_CLASSES:
        raise SourceFormatError(
            where, f"logits must have shape (images, {NUM_CLASSES}), got {values.shape}"
        )
    return values


def top_k_ids(path: Path, array: str | None = None) -> np.ndarray:
    """An integer (images, k) array of class ids 0..999, best first."""
    return checked_top_k_ids(path, read(path, array))


def checked_top_k_ids(where: Path | str, ids: np.ndarray) -> np.ndarray:
    """`ids` if they are integer (images, k) class ids, no class twice in a row."""
    if not np.issubdtype(ids.dtype, np.integer):
        raise SourceFormatError(where, f"top-k class ids must be integers, got {ids.dtype}")
    if ids.ndim == 1:
        ids = ids[:, np.newaxis]
    if ids.ndim != 2 or ids.shape[1] < 1:
        raise SourceFormatError(where, f"top-k ids must have shape (images, k), got {ids.shape}")
    outside = (ids < 0) | (ids >= NUM_CLASSES)
    if outside.any():
        row, col = (int(v) for v in np.argwhere(outside)[0])
        raise SourceFormatError(
            where, f"row {row} holds {ids[row, col]}, not a class id 0..{NUM_CLASSES - 1}"
        )
    if ids.shape[1] > 1:
        ordered = np.sort(ids, axis=1)
        repeated = (ordered[:, 1:] == ordered[:, :-1]).any(axis=1)
        if repeated.any():
            raise SourceFormatError(where, f"row {int(np.argmax(repeated))} repeats a class id")
    return ids
