"""docs/report-resnet50.png and docs/gallery.png, drawn from the pages the code writes
today, so they cannot drift.

Each picture carries, in a PNG text chunk, a digest of what its page shows:
the HTML with the program scripts left out (the Vega library and the chart
specifications, which follow the installed altair and vl-convert), but the
gallery's data kept. tests/test_readme.py writes the pages again and compares
digests; `python -m tests.docs_images DB` draws the pictures again (DB: the real
mirror with the 67 zoo models, as README's samples use).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from PIL import Image, ImageChops, PngImagePlugin

from imagenet_mistakes import Database, gallery, report
from tests import browser

ROOT = Path(__file__).resolve().parents[1]
REPORT_PNG = ROOT / "docs" / "report-resnet50.png"
GALLERY_PNG = ROOT / "docs" / "gallery.png"
MODEL, OTHER = "resnet50", "alexnet"
KEY = "imagenet-mistakes-page-digest"


@contextlib.contextmanager
def _as_users_file(db: Path, folder: Path) -> Iterator[Database]:
    """`db` copied into `folder` under the default name, opened from there: the pages name
    the database as given, imagenet_mistakes.duckdb, not a scratch file."""
    shutil.copy(db, folder / "imagenet_mistakes.duckdb")
    here = Path.cwd()
    os.chdir(folder)
    try:
        with Database.open("imagenet_mistakes.duckdb") as database:
            yield database
    finally:
        os.chdir(here)


def report_page(db: Path, folder: Path) -> Path:
    """The report on MODEL, written into `folder`."""
    page = folder / f"{MODEL}.html"
    with _as_users_file(db, folder) as database:
        report.write(database, MODEL, page)
    return page


def gallery_page(db: Path, folder: Path) -> Path:
    """The gallery of OTHER's mistakes beside MODEL's, on generated images (SYNTHETIC: each a
    plain colour that follows its number), written into `folder`."""
    images = folder / "val"
    images.mkdir()
    with _as_users_file(db, folder) as database:
        wanted = database.sql(
            "select distinct image_number from model_mistakes "
            f"where model in ('{MODEL}', '{OTHER}')"
        ).rows
        for (number,) in wanted:
            colour = (number * 37 % 256, number * 91 % 256, number * 53 % 256)
            Image.new("RGB", (64, 48), colour).save(images / f"ILSVRC2012_val_{number:08d}.JPEG")
        written = gallery.write(database, OTHER, images, folder / "gallery", compare=MODEL)
    return written.page


def digest(page: Path, mirror: Path) -> str:
    """What the page shows, program scripts left out, and the mirror's place (where the
    model's predictions were read) as `<mirror>`: the same page on another machine has the
    same digest."""
    shown = re.sub(r"<script>.*?</script>|<script type=\"text/javascript\">.*?</script>", "",
                   page.read_text(), flags=re.S)  # fmt: skip
    for place in {str(mirror.resolve()), str(mirror)}:
        shown = shown.replace(place, "<mirror>")
    return hashlib.sha256(shown.encode()).hexdigest()


def recorded(png: Path) -> str | None:
    with Image.open(png) as picture:
        return picture.text.get(KEY) if isinstance(picture, PngImagePlugin.PngImageFile) else None


def draw(db: Path) -> None:
    with Database.open(db) as database:
        mirror = database.source_dir()
    assert mirror is not None, f"{db}: built from a download, not the mirror"
    with tempfile.TemporaryDirectory() as report_folder, tempfile.TemporaryDirectory() as other:
        page = report_page(db, Path(report_folder))
        _picture(page, "", mirror, REPORT_PNG, height=4000, crop=True)
        page = gallery_page(db, Path(other))
        _picture(page, "#section=fixed&factor=pose", mirror, GALLERY_PNG, height=1050, crop=False)


def _picture(page: Path, fragment: str, mirror: Path, png: Path, height: int, crop: bool) -> None:
    raw = page.with_name("raw.png")
    browser.screenshot(page.as_uri() + fragment, raw, wait_ms=10000, width=1200, height=height)
    with Image.open(raw) as picture:
        bottom = picture.height
        if crop:  # the window is taller than the page: cut the blank below it
            background = Image.new(picture.mode, picture.size, picture.getpixel((0, 0)))
            box = ImageChops.difference(picture, background).getbbox()
            bottom = min(picture.height, (box[3] if box else picture.height) + 24)
        meta = PngImagePlugin.PngInfo()
        meta.add_text(KEY, digest(page, mirror))
        picture.crop((0, 0, picture.width, bottom)).save(png, pnginfo=meta)


if __name__ == "__main__":
    draw(Path(sys.argv[1]))
