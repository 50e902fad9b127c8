"""README's samples and docs' pictures show what the code prints and writes today
(tests/readme_samples.py, tests/docs_images.py)."""

from __future__ import annotations

from pathlib import Path

from tests import docs_images, readme_samples


def test_every_readme_sample_is_what_its_command_prints(real_zoo_db: Path) -> None:
    found = readme_samples.samples(readme_samples.README.read_text())
    assert len(found) >= 3
    for args, written in found:
        assert written == readme_samples.block(args, real_zoo_db), (
            f"README sample `{args}` differs: python -m tests.readme_samples DB rewrites them"
        )


def test_the_reports_picture_shows_the_report_written_today(
    real_zoo_db: Path, real_mirror: Path, tmp_path: Path
) -> None:
    page = docs_images.report_page(real_zoo_db, tmp_path)
    assert docs_images.recorded(docs_images.REPORT_PNG) == docs_images.digest(page, real_mirror), (
        "docs/report-resnet50.png shows an older report: python -m tests.docs_images DB"
    )


def test_the_gallerys_picture_shows_the_gallery_written_today(
    real_zoo_db: Path, real_mirror: Path, tmp_path: Path
) -> None:
    page = docs_images.gallery_page(real_zoo_db, tmp_path)
    assert docs_images.recorded(docs_images.GALLERY_PNG) == docs_images.digest(page, real_mirror), (
        "docs/gallery.png shows an older gallery: python -m tests.docs_images DB"
    )
