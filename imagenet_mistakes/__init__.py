"""imagenet-mistakes: the remaining mistakes of ImageNet classifiers, as one DuckDB file.

from imagenet_mistakes import Database, predictions

with Database.open("imagenet_mistakes.duckdb", write=True) as db:
    db.add_model("my_vit", predictions.from_logits(logits))
    db.leaderboard().to_pandas()
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from imagenet_mistakes import predictions
    from imagenet_mistakes.database import Database, Result
    from imagenet_mistakes.errors import ImagenetMistakesError

    __version__: str

# Everything is imported on first use (PEP 562), even the version: the
# command sets up its Ctrl-C handling before DuckDB and Arrow load, which
# takes a good part of a second, and importlib.metadata a tenth of one.
_HOMES = {
    "Database": "imagenet_mistakes.database",
    "Result": "imagenet_mistakes.database",
    "ImagenetMistakesError": "imagenet_mistakes.errors",
    "predictions": "imagenet_mistakes.predictions",
}


def __getattr__(name: str) -> Any:
    if name == "__version__":
        # The one place the version lives is pyproject.toml.
        return importlib.import_module("importlib.metadata").version("imagenet-mistakes")
    if name not in _HOMES:
        raise AttributeError(f"module 'imagenet_mistakes' has no attribute {name!r}")
    module = importlib.import_module(_HOMES[name])
    return module if name == "predictions" else getattr(module, name)


__all__ = ["Database", "ImagenetMistakesError", "Result", "__version__", "predictions"]
