"""`gallery`: an offline HTML page of a model's mistakes, shown on the user's own images.

The page is one HTML file beside a `thumbnails/` folder, not one file with
the thumbnails inlined: measured on alexnet's 6,613 mistakes (BENCHMARKS.md),
the inlined page weighed 44 MB and took Chromium 5.4 s to show, against
1.2 s for the 5 MB page whose thumbnails load as they scroll into view; and
every gallery written to the same folder shares the thumbnails made for the
others. The cards are data (the
named query `mistake_cards`), drawn, filtered and sorted by the page's own
script, so it needs no server or network; the filters live in the address's
fragment (`#category=fine-grained`), so a view of the page can be shared.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from imagenet_mistakes import arguments, storage, thumbnails, validation_images
from imagenet_mistakes.boundary import guarded
from imagenet_mistakes.database import Database
from imagenet_mistakes.errors import BadArgument

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Written:
    """The page written, and what it could not show."""

    page: Path
    cards: int
    missing: int  # images not among the user's
    unreadable: int  # corrupt, or not JPEGs


@arguments.checked
def write(
    db: Database,
    model: str,
    images: str | os.PathLike[str],
    out: str | os.PathLike[str],
    *,
    compare: str | None = None,
    category: str | None = None,
    factor: str | None = None,
    only_found: bool = False,
) -> Written:
    """Write the gallery of `model`'s mistakes (and, with `compare`, what changes to it) in `out`.

    `images`: a folder of ILSVRC2012_val_*.JPEG, class folders of them, or
    ILSVRC2012_img_val.tar, read in place. `category` keeps the mistakes the
    paper or the rules put in it; `factor`, those whose image shows that
    ImageNet-X factor; `only_found`, those whose image is among `images` (a
    partial copy). The database is only read, through its public methods.
    `out` is made if need be, in a folder that must exist (as for `report`).
    """
    with guarded(Path(out)):
        return _write(db, model, Path(images), Path(out), compare, category, factor, only_found)


def _write(
    db: Database,
    model: str,
    images: Path,
    out: Path,
    compare: str | None,
    category: str | None,
    factor: str | None,
    only_found: bool,
) -> Written:
    for option, given in (("MODEL", model), ("--compare", compare)):
        if given is not None:
            db.model_kinds(given, option)
    if compare == model:
        raise BadArgument(f"--compare {compare!r}: the model itself; name another")
    storage.check_folder_writable(out)
    if out.exists() and not out.is_dir():
        raise BadArgument(f"{out}: not a directory")
    located = validation_images.find(images)

    filters = {"--category": category, "--factor": factor}

    def kept(card: dict[str, Any]) -> bool:
        return all(
            value is None or value in _values(card, _FILTERS[option])
            for option, value in filters.items()
        )

    every = _cards(db, model)
    own = [card for card in every if kept(card)]
    if every and not own:  # a filter that keeps nothing is a typo more often than not
        for option, value in filters.items():
            _check_filter(option, value, model, every)
    sections = [_section("mistakes", f"Mistakes of {model}", own, _MISTAKES)]
    if any(card["imagenet_m"] is not None for card in own):  # the ImageNet-M list is known
        on_m = [card for card in own if card["imagenet_m"]]
        sections.append(_section("imagenet-m", "ImageNet-M", on_m, _IMAGENET_M))
    if compare is not None:
        other = [card for card in _cards(db, compare) if kept(card)]
        sections += _changes(db, model, own, compare, other)

    cards = {id(card): card for section in sections for card in section["cards"]}
    wanted = {card["image_number"] for card in cards.values()}
    made = thumbnails.make(wanted, located, out)
    if only_found:
        for section in sections:
            section["cards"] = [
                c for c in section["cards"] if c["image_number"] not in made.missing
            ]
        cards = {id(card): card for section in sections for card in section["cards"]}
    for card in cards.values():
        number = card["image_number"]
        card["thumbnail"] = thumbnails.name(number) if number in made.ready else None
        card["thumbnail_problem"] = (
            "not a readable JPEG" if number in made.unreadable else "image not found"
        )
    if made.missing:
        shown_as = "left out (--only-found)" if only_found else "placeholders shown"
        log.warning("%d of %d images not found in %s: %s",
                    len(made.missing), len(wanted), images, shown_as)  # fmt: skip
    if made.unreadable:
        log.warning("%d images skipped as unreadable, corrupt or not JPEG: placeholders shown",
                    len(made.unreadable))  # fmt: skip

    page = out / (f"{model}-vs-{compare}.html" if compare else f"{model}.html")
    _render(page, model, compare, sections, cards, len(db.model_names()), db.path)
    # The first section is the model's own mistakes, as filtered.
    return Written(page, len(sections[0]["cards"]), len(made.missing), len(made.unreadable))


_MISTAKES = (
    "Images of the multi-label set (annotated, not problematic) whose top-1 is neither a "
    "correct nor an unclear label."
)
_IMAGENET_M = "The mistakes on ImageNet-M's 68 images, the paper's slice of major mistakes."


# The card fields each filter option matches: the paper's or the rules' category,
# any of the image's factors.
_FILTERS = {"--category": ("manual_category", "auto_category"), "--factor": ("factors",)}


def _check_filter(option: str, value: str | None, model: str, cards: list[dict[str, Any]]) -> None:
    """Refuse a filter value none of the model's mistakes has, naming the closest it has."""
    if value is None:
        return
    have = {v for card in cards for v in _values(card, _FILTERS[option])}
    if value not in have:
        raise BadArgument.not_among(
            f"{option} {value!r}", value, sorted(have), f"a value of {model}'s mistakes"
        )


def _values(card: dict[str, Any], keys: tuple[str, ...]) -> set[Any]:
    """What a card holds in those fields, a list field's items one by one."""
    found: set[Any] = set()
    for key in keys:
        value = card[key]
        found.update(value if isinstance(value, list) else [] if value is None else [value])
    return found


def _cards(db: Database, model: str) -> list[dict[str, Any]]:
    """The model's mistakes as cards: `mistake_cards`, with its prediction in a list."""
    cards = db.query("mistake_cards", {"model": model}).records()
    for card in cards:
        card["predictions"] = [
            {"title": model, "prediction": card["prediction"], "top5": card["top5"], "right": False}
        ]
        card["confidence"] = card["top5"][0]["score"] if card["top5"] else None
    return cards


def _changes(
    db: Database, a: str, a_cards: list[dict[str, Any]], b: str, b_cards: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """From `a` to `b`: the mistakes `b` fixes and those it makes anew, on images both scored.

    Each card shows both models' top-1: the wrong one with its top-5, the
    right one as it is where its predictions are loaded.
    """
    a_top1, b_top1 = db.scored_top1(a), db.scored_top1(b)
    a_wrong = {card["image_number"] for card in a_cards}
    b_wrong = {card["image_number"] for card in b_cards}

    def beside(card: dict[str, Any], right: str, top1: str | None, first: bool) -> dict[str, Any]:
        shown = {"title": right, "prediction": top1, "top5": None, "right": True}
        both = [shown, *card["predictions"]] if first else [*card["predictions"], shown]
        return {**card, "predictions": both}

    fixed = [
        beside(card, b, b_top1[card["image_number"]], first=False)
        for card in a_cards
        if card["image_number"] in b_top1 and card["image_number"] not in b_wrong
    ]
    new = [
        beside(card, a, a_top1[card["image_number"]], first=True)
        for card in b_cards
        if card["image_number"] in a_top1 and card["image_number"] not in a_wrong
    ]
    return [
        _section("fixed", f"Fixed by {b}", fixed, f"Mistakes of {a} that {b} gets right."),
        _section("new", f"New in {b}", new, f"Mistakes of {b} on images {a} gets right."),
    ]


def _section(key: str, title: str, cards: list[dict[str, Any]], about: str) -> dict[str, Any]:
    return {"key": key, "title": title, "description": about, "cards": cards}


def _render(
    page: Path,
    model: str,
    compare: str | None,
    sections: list[dict[str, Any]],
    cards: dict[int, dict[str, Any]],
    models_in_file: int,
    db: Path,
) -> None:
    order = {key: i for i, key in enumerate(cards)}
    data = {
        "models": models_in_file,
        # Each card's own prediction is in its `predictions`, beside the other model's.
        "cards": [
            {k: v for k, v in card.items() if k not in ("prediction", "top5")}
            for card in cards.values()
        ],
        "sections": [
            {**section, "cards": [order[id(card)] for card in section["cards"]]}
            for section in sections
        ],
    }
    template = jinja2.Environment(autoescape=True).from_string(
        (resources.files("imagenet_mistakes") / "templates" / "gallery.html").read_text()
    )
    text = template.render(
        title=f"{model} to {compare}" if compare else f"Mistakes of {model}",
        notes=[f"From {db}. Images: the user's own copy; thumbnails in {thumbnails.FOLDER}/."],
        data=_script_json(data),
    )
    # Through a symbolic link, the file it points to is replaced and the link kept.
    with storage.written_atomically(Path(os.path.realpath(page))) as tmp:
        tmp.write_text(text, encoding="utf-8")


def _script_json(data: Any) -> Markup:
    """JSON to place inside a <script> element as it is.

    A script element's text is not HTML-unescaped, so autoescaping would
    corrupt it; instead `<`, `>` and `&` become JSON escapes, so no label
    (`</script>`, say) can end the element early.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(raw, escaped)
    return Markup(text)
