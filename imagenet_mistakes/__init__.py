"""imagenet-mistakes: the remaining mistakes of ImageNet classifiers, as one DuckDB file.

from imagenet_mistakes import Database, predictions

with Database.open("imagenet_mistakes.duckdb", write=True) as db:
    db.add_model("my_vit", predictions.from_logits(logits))
    db.leaderboard().to_pandas()
"""

from importlib.metadata import version

# The one place the version lives is pyproject.toml.
__version__ = version("imagenet-mistakes")

from imagenet_mistakes import predictions  # noqa: E402 - after __version__, which storage reads
from imagenet_mistakes.database import Database, Result  # noqa: E402
from imagenet_mistakes.errors import ImagenetMistakesError  # noqa: E402

__all__ = ["Database", "ImagenetMistakesError", "Result", "__version__", "predictions"]
