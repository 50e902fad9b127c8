"""The Python API's arguments checked against their annotations where a caller hands them in.

A notebook's `db.add_model("x", None)` or `db.query("worst_classes", {"model": 5})`
is then one `BadArgument` naming the function and the argument, as the CLI's
mistakes are, rather than an AttributeError from deep inside. The annotations
are the contract already (mypy checks the package against them); typeguard
checks a value against one at run time, containers item by item.
"""

from __future__ import annotations

import functools
import inspect
import re
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

from imagenet_mistakes.errors import BadArgument

P = ParamSpec("P")
R = TypeVar("R")


def checked(function: Callable[P, R]) -> Callable[P, R]:
    """`function`, refusing with BadArgument any argument its annotation does not admit."""
    signature = inspect.signature(function)
    where = function.__qualname__

    @functools.wraps(function)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            bound = signature.bind(*args, **kwargs)
        except TypeError as e:
            raise BadArgument(f"{where}: {e}") from e
        hints = _hints(function, signature)
        for name, value in bound.arguments.items():
            if name in hints:
                _check(where, name, value, hints[name])
        return function(*args, **kwargs)

    return run


@functools.cache
def _hints(function: Callable[..., Any], signature: inspect.Signature) -> dict[str, Any]:
    """Each parameter's annotation as a type. One that names what the module imports only
    for type checking (`build.Inputs`) is left out: the function checks that itself."""
    hints = {}
    for name, parameter in signature.parameters.items():
        annotation = parameter.annotation
        if annotation is inspect.Parameter.empty or name == "self":
            continue
        if isinstance(annotation, str):
            try:
                annotation = eval(annotation, function.__globals__)  # the package's own annotations
            except NameError:
                continue
        hints[name] = annotation
    return hints


def _check(where: str, name: str, value: Any, hint: Any) -> None:
    # Imported on first use: a twentieth of a second that a command's start-up need not pay.
    import typeguard

    try:
        typeguard.check_type(
            value,
            hint,
            collection_check_strategy=typeguard.CollectionCheckStrategy.ALL_ITEMS,
        )
    except typeguard.TypeCheckError as e:
        # Class names without their modules: "Path | ndarray | None".
        expected = hint.__name__ if isinstance(hint, type) else re.sub(r"\b(\w+\.)+", "", str(hint))
        problem = f"expected {expected}, got {type(value).__name__}"
        # Where typeguard says which item or key of a container is wrong, say it too.
        inner = [line for line in str(e).splitlines() if "item " in line or "key " in line]
        if inner:
            problem += f" ({inner[0].split(': ')[-1].strip()})"
        raise BadArgument(f"{where}: {name}: {problem}") from e
