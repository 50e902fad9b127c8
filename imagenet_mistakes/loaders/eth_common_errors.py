"""ETH's automated error analysis: the images most of its 962 models get wrong, by error type.

`common_error_samples/most_common_<type>.txt`, written by the upstream
`src/evaluation.py --list_most_common_errors`: for one error type, the (image,
prediction) pairs that the most models make with that type, best first, each
image once (its most common such prediction), at most 1,000. Each is a block
of lines ended by a blank one:

    1) cnt mistakes = 961, file = n02114712/ILSVRC2012_val_00010883.JPEG
    target = 271, n02114712: red wolf, maned wolf, Canis rufus, Canis niger
    multi_labels:
    271, n02114712: red wolf, maned wolf, Canis rufus, Canis niger
    pred = 272, n02114855: coyote, prairie wolf, brush wolf, Canis latrans

(fg-OOV blocks add a line of CLIP's proposals after `pred`). `cnt mistakes`
counts the models whose top-1 on the image is that prediction and whose
mistake their pipeline puts in that type. The multi-labels are not kept: they
are the paper's, which `image_labels` already holds.

A hand-written parser: the format is upstream's print statements, which no
library reads.
"""

from __future__ import annotations

import re
from pathlib import Path

import pyarrow as pa

from imagenet_mistakes.errors import SourceFormatError
from imagenet_mistakes.loaders import validate
from imagenet_mistakes.loaders.validate import NUM_CLASSES, image_number

# The file of each error type (`most_common_<key>.txt`), and the error type as
# ETH's statistics name it (`eth_stats.ERROR_TYPES`, without `eth_`), as the
# upstream evaluation.py maps one to the other. Source ids are
# eth_common_errors_<error type>.
ERROR_TYPES = {
    "overlapping_classes": "collapsed_mappings",
    "multi_label": "ambiguous",
    "fg": "same_superclass",
    "fg-OOV": "out_of_vocabulary",
    "non-proto": "non_prototypical",
    "spurious_correlation": "common_co_occurrence",
    "model_failure": "not_classified",
}

SCHEMA = pa.schema(
    [
        ("source", pa.string()),
        ("error_type", pa.string()),
        ("image_number", pa.int32()),
        ("original_class", pa.int32()),
        ("predicted_class", pa.int32()),
        ("models_wrong", pa.int32()),
    ]
)

_HEADER = re.compile(r"[0-9]+\) cnt mistakes = ([0-9]+), file = (n[0-9]{8})/(\S+)")
_CLASS = re.compile(r"(target|pred) = ([0-9]+), (n[0-9]{8}): .*")


def load(path: Path, error_type: str, class_ids: dict[str, int]) -> pa.Table:
    """Rows of `published_image_errors` from one file; `class_ids` maps wnid to class id,
    to check that each id names the class its wnid says."""
    blocks = validate.text(path).split("\n\n")
    rows: dict[str, list[int | str]] = {name: [] for name in SCHEMA.names}
    seen: set[int] = set()
    for block in filter(str.strip, blocks):
        lines = block.strip("\n").split("\n")
        header = _HEADER.fullmatch(lines[0])
        if header is None:
            raise SourceFormatError(
                path, f"not a 'N) cnt mistakes = K, file = ...' line: {lines[0]!r:.80}"
            )
        count, folder, file_name = header.groups()
        if not 0 < int(count) < 2**31:
            raise SourceFormatError(
                path, f"{lines[0]!r:.80}: not a count of models (1 to 2,147,483,647)"
            )
        number = image_number(path, file_name)
        if number in seen:
            raise SourceFormatError(path, f"{file_name} appears twice")
        seen.add(number)
        target = _class(path, lines, "target", class_ids)
        if target != class_ids.get(folder):
            raise SourceFormatError(
                path, f"{file_name}: target {target} is not its folder {folder}"
            )
        row: dict[str, int | str] = {
            "source": "eth",
            "error_type": error_type,
            "image_number": number,
            "original_class": target,
            "predicted_class": _class(path, lines, "pred", class_ids),
            "models_wrong": int(count),
        }
        for name, value in row.items():
            rows[name].append(value)
    if not seen:
        raise SourceFormatError(path, "no images listed")
    return pa.table(rows, schema=SCHEMA)


def _class(path: Path, lines: list[str], key: str, class_ids: dict[str, int]) -> int:
    """The class id of the block's `target` or `pred` line, checked against its wnid."""
    found = [m for m in map(_CLASS.fullmatch, lines) if m is not None and m.group(1) == key]
    if len(found) != 1:
        raise SourceFormatError(path, f"a block without one '{key} = ' line: {lines[0]!r:.80}")
    class_id, wnid = int(found[0].group(2)), found[0].group(3)
    if not 0 <= class_id < NUM_CLASSES or class_ids.get(wnid) != class_id:
        raise SourceFormatError(
            path, f"{key} = {class_id}, {wnid}: not an ImageNet class and its wnid"
        )
    return class_id
