"""What a user may choose about a model's predictions: how many to keep per image, and
the orders its rows and outputs come in (--row-order and --class-order, which the
doctor, doctor.py, tells apart and undoes).

Kept apart from the code that reads predictions so that the command line can
offer them without loading NumPy or Arrow: a command starts faster.
"""

from __future__ import annotations

from enum import StrEnum

# Predictions kept per image from logits unless asked for more or fewer.
DEFAULT_K = 5


class RowOrder(StrEnum):
    """The --row-order names; the first is ours (ILSVRC2012_val_00000001 first)."""

    file_name = "file-name"
    class_folder = "class-folder"


class ClassOrder(StrEnum):
    """The --class-order names; the first is ours."""

    sorted_wnid = "sorted-wnid"
    ilsvrc_id = "ilsvrc-id"
    imagefolder_string = "imagefolder-string"
