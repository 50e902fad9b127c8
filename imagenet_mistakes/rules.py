"""The categoriser's rules: each is one `.sql` file in `rules/category/` or `rules/severity/`.

Every mistake of every model gets the category of the first category rule that fires
on it, in file-name order, or "unexplained"; then the severity of the first severity
rule that fires, or "minor". A rule is a SELECT of the mistakes it fires on, each with
a sentence of evidence naming the data it read, so a verdict says why it was given,
and a researcher adds a rule by adding a file. The schema's `mistake_verdicts_live`,
`queued_verdicts` and `category_rules` are rendered from them (schema.py), so no list
of rules is written twice.

A rule is a SELECT over `candidates` (the mistakes as pairs of an image and a predicted
class: `image_number`, `original_class`, `predicted_class`) and any loaded evidence,
such as `mistake_labels` (each image's correct labels on the analysed label set and its
original label). It returns the pair and `evidence` for each pair it fires on; where it
gives several rows for one, the least evidence text is kept. It reads nothing of the
model: the same mistake gets the same verdict whichever model makes it, so a verdict
is worked out once per pair (`rules/verdicts.sql` joins the rules; the schema renders it
over the relation that holds the pairs).

The file's header says what it gives and why; a severity rule may also fire only on
the mistakes of one category:

    -- gives: major
    -- if category: spurious-correlation
    -- why: one or more lines of comment, the rule in words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable

FOLDER: Traversable = resources.files("imagenet_mistakes") / "rules"
# The template that joins the rules into verdicts.
VERDICTS: Traversable = FOLDER / "verdicts.sql"

# What the rules may give, and what a mistake gets when none fires.
GIVES = {
    "category": ("fine-grained", "fine-grained-oov", "spurious-correlation", "non-prototypical"),
    "severity": ("major", "minor"),
}
DEFAULTS = {"category": "unexplained", "severity": "minor"}

_FILE_NAME = re.compile(r"(\d{2})_([a-z][a-z0-9_]*)\.sql")
_HEADER = re.compile(
    r"-- gives: (?P<gives>\S+)\n"
    r"(?:-- if category: (?P<category>\S+)\n)?"
    r"-- why: (?P<why>.*?)\n(?!--)",
    re.S,
)


@dataclass(frozen=True)
class Rule:
    """One rule: what it decides, its place in the order, what it gives and why."""

    decides: str
    position: int
    name: str
    gives: str
    why: str
    sql: str
    # A severity rule's condition on the category given, if it has one.
    if_category: str | None = None


@cache
def declared() -> tuple[Rule, ...]:
    """Every rule, category rules first, each kind in the order it is applied.

    A malformed file is a bug in the package data, so it raises ValueError.
    """
    found = []
    for decides, allowed in GIVES.items():
        folder = FOLDER / decides
        for path in sorted(folder.iterdir(), key=lambda p: p.name):
            named = _FILE_NAME.fullmatch(path.name)
            text = path.read_text()
            header = _HEADER.match(text)
            if (
                named is None
                or header is None
                or header["gives"] not in allowed
                or (header["category"] is not None and decides != "severity")
                or (header["category"] not in (None, *GIVES["category"]))
            ):
                raise ValueError(
                    f"rules/{decides}/{path.name}: not NN_name.sql starting with "
                    f"'-- gives: <one of {', '.join(allowed)}>', for a severity rule "
                    "perhaps '-- if category: <a category>', and '-- why: ...'"
                )
            why = " ".join(line.removeprefix("--").strip() for line in header["why"].split("\n"))
            found.append(
                Rule(
                    decides=decides,
                    position=int(named[1]),
                    name=named[2],
                    gives=header["gives"],
                    why=why,
                    sql=text[header.end() :].strip(),
                    if_category=header["category"],
                )
            )
    for decides in GIVES:
        mine = [rule for rule in found if rule.decides == decides]
        for what in ("position", "name"):
            values = [getattr(rule, what) for rule in mine]
            if len(set(values)) < len(values):
                raise ValueError(f"rules/{decides}/: two rules share a {what}")
    return tuple(found)


def of(decides: str) -> tuple[Rule, ...]:
    """The rules that decide a category, or a severity, in order."""
    return tuple(rule for rule in declared() if rule.decides == decides)


def files() -> list[Traversable]:
    """Every rule file and the template that joins them, for the schema's version hash."""
    rules = [FOLDER / r.decides / f"{r.position:02d}_{r.name}.sql" for r in declared()]
    return [*rules, VERDICTS]
