"""cleanlab's crowd-verified label errors (`imagenet_mturk.json`) as a label set.

Each of 5,440 candidate images carries its given (original) label, the label
cleanlab's model guessed, and five workers' votes: "given", "guessed",
"both" or "neither". Candidates come in cleanlab's own order (by class); a
candidate's `id` is the image number, which its `url` repeats
(`.../val/<wnid>/ILSVRC2012_val_<id>.JPEG`): both are checked.

Verdicts, by majority of the five votes:
- the given label is 'correct' when at least 3 chose "given" (otherwise it is
  a crowd-verified label error, cleanlab's definition: 2,916 images); 'wrong'
  when at least 3 chose "guessed" or "neither"; else 'unclear';
- the guessed label is 'correct' when at least 3 chose "guessed"; 'wrong'
  when at least 3 chose "given" or "neither"; else 'unclear'.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pyarrow as pa

from imagenet_mistakes.errors import SourceFormatError, shown
from imagenet_mistakes.loaders.labels import labels_table
from imagenet_mistakes.loaders.validate import (
    class_id,
    expect_type,
    file_name_of,
    image_number,
    read_json,
)

_VOTES = ("given", "guessed", "both", "neither")


def _verdict(votes: Mapping[str, int], accept: str, reject: tuple[str, str]) -> str:
    if votes[accept] >= 3:
        return "correct"
    if votes[reject[0]] + votes[reject[1]] >= 3:
        return "wrong"
    return "unclear"


def load(path: Path, labels: Mapping[int, int]) -> pa.Table:
    """`image_labels` rows; `labels` maps each image number to its original class id."""
    rows = []
    for candidate in expect_type(path, read_json(path), list, "the top level"):
        expect_type(path, candidate, dict, "a candidate")
        try:
            number, url = candidate["id"], candidate["url"]
            given, guessed = candidate["given_original_label"], candidate["our_guessed_label"]
            votes = {k: candidate["mturk"][k] for k in _VOTES}
        except (KeyError, TypeError) as e:
            raise SourceFormatError(path, f"candidate {shown(candidate)} lacks {e}") from e
        name = file_name_of(number) if isinstance(number, int) else str(number)
        number = image_number(path, name)
        if not isinstance(url, str) or not url.endswith(f"/{name}"):
            raise SourceFormatError(path, f"id {number}: url {url!r:.80} is not {name}")
        if class_id(path, given) != labels[number]:
            raise SourceFormatError(path, f"{name}: given label {given} is not its original label")
        if any(not isinstance(v, int) for v in votes.values()) or sum(votes.values()) != 5:
            raise SourceFormatError(path, f"{name}: votes {votes} are not 5 counts")
        guessed = class_id(path, guessed)
        rows.append((number, given, _verdict(votes, "given", ("guessed", "neither"))))
        rows.append((number, guessed, _verdict(votes, "guessed", ("given", "neither"))))
    return labels_table(rows)
