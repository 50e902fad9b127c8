"""Allow `python -m imagenet_mistakes`."""

from imagenet_mistakes.cli import app

app(prog_name="imagenet-mistakes")
