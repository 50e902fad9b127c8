"""How fast the gallery's thumbnails are made, and what inlining them would cost.

Run: python benchmarks/gallery.py [--source-dir ../shared/data] [--work DIR]
Prints Markdown tables; the results are recorded in BENCHMARKS.md.

The images are SYNTHETIC JPEGs at the validation images' usual size (500 x
375, quality 90, with noise so they weigh about what a real one does), named
for alexnet's mistakes on the multi-label set (6,613 of them).

- Thumbnails (target: 5,000 within 30 s on 2 cores): `thumbnails.make` on
  5,000 of them, from a folder and from a tar read in place, each in a fresh
  process with an empty thumbnail folder, best of 3; then again with every
  thumbnail already made (the cache).
- The whole `gallery` command for alexnet, every image there: the first run
  makes the thumbnails, the next ones find them made.
- The page as written (thumbnails in a folder) against the same page with
  each thumbnail inlined as a data: URI: its size, and how long headless
  Chromium takes to load it and draw the first cards (--dump-dom), best of 3.
"""

from __future__ import annotations

import argparse
import base64
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image
from process import PEAK_RSS

from imagenet_mistakes import Database, build, registry

ROOT = Path(__file__).resolve().parents[1]

_THUMBNAILS = """
import sys, time
from pathlib import Path
from imagenet_mistakes import thumbnails, validation_images
images = validation_images.find(Path(sys.argv[1]))
start = time.perf_counter()
made = thumbnails.make(images.keys(), images, Path(sys.argv[2]))
seconds = time.perf_counter() - start
assert len(made.ready) == len(images), (len(made.ready), len(images))
print(seconds, PEAK_RSS_KIB())
"""


def synthetic_images(numbers: list[int], folder: Path) -> None:
    """SYNTHETIC: smooth colour fields with noise, 500 x 375, named like validation images."""
    rng = np.random.default_rng(0)
    folder.mkdir(parents=True, exist_ok=True)
    for number in numbers:
        field = rng.integers(0, 256, (6, 8, 3), dtype=np.uint8)
        smooth = np.asarray(Image.fromarray(field).resize((500, 375), Image.Resampling.BICUBIC))
        noisy = smooth.astype(np.int16) + rng.integers(-24, 24, smooth.shape)
        Image.fromarray(noisy.clip(0, 255).astype(np.uint8)).save(
            folder / f"ILSVRC2012_val_{number:08d}.JPEG", quality=90
        )


def thumbnails_run(images: Path, out: Path) -> tuple[float, float]:
    """Seconds and peak MiB of making every thumbnail in a fresh process."""
    done = subprocess.run(
        [sys.executable, "-c", PEAK_RSS + _THUMBNAILS, str(images), str(out)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    seconds, rss = done.stdout.split()
    return float(seconds), int(rss) / 1024


def chromium_load(page: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--no-first-run",
         "--dump-dom", page.as_uri()],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return time.perf_counter() - start


def inlined(page: Path, target: Path) -> None:
    """The page with each thumbnail a data: URI in its data, as a one-file gallery would be."""
    text = page.read_text()

    def data_uri(match: re.Match[str]) -> str:
        jpeg = (page.parent / match.group(1)).read_bytes()
        return '"thumbnail":"data:image/jpeg;base64,' + base64.b64encode(jpeg).decode() + '"'

    target.write_text(re.sub(r'"thumbnail":"(thumbnails/[^"]+)"', data_uri, text))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--source-dir", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--work", type=Path, help="Keep the database and images here.")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = options.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        db = work / "im.duckdb"
        if not db.exists():
            build.build(db, registry.Inputs(options.source_dir, work / "cache"))
            with Database.open(db, write=True) as database:
                database.add_zoo(
                    "imagenetv2", ["alexnet"], source_dir=options.source_dir, cache_dir=work
                )
        with Database.open(db) as database:
            numbers = [
                n
                for (n,) in database.sql(
                    "select image_number from model_mistakes where model = 'alexnet'"
                ).rows
            ]
        every, folder = work / "val", work / "val5000"
        archive = work / "ILSVRC2012_img_val.tar"
        if not every.exists():
            synthetic_images(numbers, every)
        if not folder.exists():
            folder.mkdir()
            for path in sorted(every.iterdir())[:5000]:
                (folder / path.name).hardlink_to(path)
        if not archive.exists():
            with tarfile.open(archive, "w") as tar:
                for path in sorted(folder.iterdir()):
                    tar.add(path, arcname=path.name)
        megabytes = sum(p.stat().st_size for p in folder.iterdir()) / 2**20
        print(f"5000 images, {megabytes:.0f} MiB of JPEGs; alexnet has {len(numbers)} mistakes\n")
        print("| step | best s | all s | peak RSS MiB | target |\n|---|---:|---:|---:|---|")
        for layout, images in [("folder", folder), ("tar, read in place", archive)]:
            runs = []
            for _ in range(3):
                out = work / "thumbs"
                shutil.rmtree(out, ignore_errors=True)
                runs.append(thumbnails_run(images, out))
            times = sorted(seconds for seconds, _ in runs)
            target = "≤ 30 s" + (" ✓" if times[0] <= 30 else " ✗")
            print(
                f"| 5000 thumbnails from a {layout} | {times[0]:.2f} | "
                f"{', '.join(f'{t:.2f}' for t in times)} | {max(r for _, r in runs):.0f} | "
                f"{target} |",
                flush=True,
            )
        cached = [thumbnails_run(folder, work / "thumbs")[0] for _ in range(3)]
        print(f"| the same, every thumbnail already made | {min(cached):.3f} | | | |")

        out = work / "gallery"
        shutil.rmtree(out, ignore_errors=True)
        command = [sys.executable, "-m", "imagenet_mistakes", "gallery", "alexnet",
                   "--images", str(every), "--out", str(out), "--db", str(db)]  # fmt: skip
        times = []
        for _ in range(3):
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            times.append(time.perf_counter() - start)
        print(f"| `gallery alexnet` (whole process; the first run makes the thumbnails) "
              f"| {min(times[1:]):.2f} | {', '.join(f'{t:.2f}' for t in times)} | | |")  # fmt: skip

        page = out / "alexnet.html"
        one_file = out / "alexnet-inlined.html"
        inlined(page, one_file)
        thumbs = sum(p.stat().st_size for p in (out / "thumbnails").iterdir()) / 2**20
        print("\n| page | size MiB | Chromium load and first draw, best of 3 s |\n|---|---:|---:|")
        for label, path, size in [
            ("page + thumbnails/ (as written)", page, f"{path_mib(page):.1f} + {thumbs:.1f}"),
            ("one file, thumbnails inlined", one_file, f"{path_mib(one_file):.1f}"),
        ]:
            best = min(chromium_load(path) for _ in range(3))
            print(f"| {label} | {size} | {best:.2f} |", flush=True)


def path_mib(path: Path) -> float:
    return path.stat().st_size / 2**20


if __name__ == "__main__":
    main()
