"""imagenet-mistakes: the remaining mistakes of ImageNet classifiers, as one DuckDB file."""

__version__ = "0.1.0"
