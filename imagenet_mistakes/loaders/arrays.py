"""NumPy array files (.npy, or .npz holding one array or a named one) of model outputs.

Logits are (images, 1,000) floats; top-k files are (images, k) integer class
ids, best first. Both are checked for shape and values before anything uses them.
"""

from __future__ import annotations

import os
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import numpy as np

from imagenet_mistakes.errors import SourceFormatError
from imagenet_mistakes.loaders.validate import NUM_CLASSES


def read(path: Path, array: str | None = None) -> np.ndarray:
    """The array in a .npy file, or the single (or `array`-named) array of a .npz file."""
    # The file is opened here rather than by np.load, which leaves it open when it is
    # not the zip it looks like; an .npz's member is read before it closes.
    try:
        file = path.open("rb")
    except OSError as e:
        raise SourceFormatError(path, f"not a readable .npy/.npz array file ({e})") from e
    with file:
        try:
            loaded = np.load(file, allow_pickle=False)
        except (ValueError, OSError, EOFError, zipfile.BadZipFile) as e:
            raise SourceFormatError(path, f"not a readable .npy/.npz array file ({e})") from e
        if isinstance(loaded, np.ndarray):
            if array is not None:
                raise SourceFormatError(
                    path, f"a .npy file holds one array; --array {array} is for .npz"
                )
            return loaded
        with loaded:
            return _member(path, loaded, array)


def _member(path: Path, loaded: np.lib.npyio.NpzFile, array: str | None) -> np.ndarray:
    """The single (or `array`-named) array of an open .npz file."""
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
    except (ValueError, OSError, EOFError, zipfile.BadZipFile, zlib.error) as e:
        raise SourceFormatError(path, f"array {array!r} is unreadable ({e})") from e
    # NumPy hands back the raw bytes of a member that is not .npy data.
    if not isinstance(values, np.ndarray):
        raise SourceFormatError(path, f"array {array!r} is not .npy data")
    return values


class NpyRows:
    """The rows of a 2-D .npy file, read block by block when sliced.

    Not np.load(mmap_mode="r"): a file truncated by another process while
    mapped kills the reader with SIGBUS, which Python cannot catch. Not a whole
    np.load either: a 200 MB copy and its page faults cost add-model a fifth
    of its time. os.preadv of each block is as fast as the map (blocks come
    from the OS cache), safe to call from every thread, and a short read is an
    error that names the file.
    """

    def __init__(self, path: Path, fd: int, offset: int, shape: tuple[int, ...], dtype: np.dtype):
        self.path, self._fd, self._offset = path, fd, offset
        self.shape, self.dtype, self.ndim = shape, dtype, len(shape)
        self._row_bytes = dtype.itemsize * shape[1]

    @classmethod
    def open(cls, path: Path) -> NpyRows | None:
        """The rows of `path`, or None if it is not a plain 2-D .npy (NumPy reads those whole)."""
        try:
            file = path.open("rb")
        except OSError as e:
            raise SourceFormatError(path, f"not a readable .npy/.npz array file ({e})") from e
        with file:
            try:
                version = np.lib.format.read_magic(file)
                read_header = {
                    (1, 0): np.lib.format.read_array_header_1_0,
                    (2, 0): np.lib.format.read_array_header_2_0,
                }.get(version)
                if read_header is None:
                    return None
                shape, fortran_order, dtype = read_header(file)
            except (ValueError, OSError, EOFError):
                return None  # np.load reads it, or says why it cannot
            if fortran_order or dtype.hasobject or len(shape) != 2:
                return None
            offset = file.tell()
            size = os.fstat(file.fileno()).st_size
            if size < offset + dtype.itemsize * shape[0] * shape[1]:
                raise SourceFormatError(
                    path, f"is truncated: {size} bytes, too few for a {shape} {dtype} array"
                )
            return cls(path, os.dup(file.fileno()), offset, shape, dtype)

    def close(self) -> None:
        os.close(self._fd)

    def __enter__(self) -> NpyRows:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __len__(self) -> int:
        return self.shape[0]

    def __getitem__(self, rows: slice) -> np.ndarray:
        start, stop, _ = rows.indices(len(self))
        block = np.empty((max(stop - start, 0), self.shape[1]), self.dtype)
        wanted = block.nbytes
        try:
            got = os.preadv(
                self._fd, [block.data.cast("B")], self._offset + start * self._row_bytes
            )
        except OSError as e:
            raise SourceFormatError(self.path, f"cannot be read ({e.strerror})") from e
        if got != wanted:
            raise SourceFormatError(
                self.path, "ended early while being read: another process truncated it"
            )
        return block


# Logits as a file's rows read on demand, or an array already in memory.
Logits = np.ndarray | NpyRows
L = TypeVar("L", np.ndarray, NpyRows)


@contextmanager
def logits(
    path: Path, array: str | None = None, background_first: bool = False
) -> Iterator[Logits]:
    """A float (images, 1000) array of logits (1001 with a background class first), .npy
    rows read as they are sliced.

    Not yet checked finite: `predictions.top_k` checks each block of rows as
    it selects from it, on every core, rather than in a pass of its own.
    """
    rows = NpyRows.open(path) if array is None else None
    if rows is None:
        yield checked_logits(path, read(path, array), background_first)
        return
    with rows:
        yield checked_logits(path, rows, background_first)


def checked_logits(where: Path | str, values: L, background_first: bool = False) -> L:
    """`values` if they are float (images, 1000) logits, 1001 with a background class first."""
    if not np.issubdtype(values.dtype, np.floating):
        raise SourceFormatError(where, f"logits must be float16/32/64, got {values.dtype}")
    columns = NUM_CLASSES + background_first
    if values.ndim != 2 or values.shape[1] != columns:
        hint = ""
        if not background_first and values.ndim == 2 and values.shape[1] == NUM_CLASSES + 1:
            hint = "; a background class first (TF-slim)? Add --background-first"
        raise SourceFormatError(
            where, f"logits must have shape (images, {columns}), got {values.shape}{hint}"
        )
    return values


def top_k_ids(path: Path, array: str | None = None, background_first: bool = False) -> np.ndarray:
    """An integer (images, k) array of class ids 0..999, best first."""
    return checked_top_k_ids(path, read(path, array), background_first)


def checked_top_k_ids(
    where: Path | str, ids: np.ndarray, background_first: bool = False
) -> np.ndarray:
    """`ids` as (images, k) class ids 0..999, no class twice in a row.

    With a background class first (TF-slim's models) the ids run from 1 and
    are shifted down to ours.
    """
    if not np.issubdtype(ids.dtype, np.integer):
        raise SourceFormatError(where, f"top-k class ids must be integers, got {ids.dtype}")
    if ids.ndim == 1:
        ids = ids[:, np.newaxis]
    if ids.ndim != 2 or ids.shape[1] < 1:
        raise SourceFormatError(where, f"top-k ids must have shape (images, k), got {ids.shape}")
    first, last = int(background_first), NUM_CLASSES - 1 + background_first
    outside = (ids < first) | (ids > last)
    if outside.any():
        row, col = (int(v) for v in np.argwhere(outside)[0])
        hint = ""
        if not background_first and ids.min() >= 1 and ids.max() == NUM_CLASSES:
            hint = "; they run 1..1000 (a background class first?): add --background-first"
        raise SourceFormatError(
            where, f"row {row} holds {ids[row, col]}, not a class id {first}..{last}{hint}"
        )
    if ids.shape[1] > 1:
        ordered = np.sort(ids, axis=1)
        repeated = (ordered[:, 1:] == ordered[:, :-1]).any(axis=1)
        if repeated.any():
            raise SourceFormatError(where, f"row {int(np.argmax(repeated))} repeats a class id")
    return ids - 1 if background_first else ids
