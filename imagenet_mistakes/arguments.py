"""The Python API's arguments checked against their annotations where a caller hands them in.

A notebook's `db.add_model("x", None)` or `db.query("worst_classes", {"model": 5})`
is then one `BadArgument` naming the function and the argument, as the CLI's
mistakes are, rather than an AttributeError from deep inside. The annotations
are the contract already (mypy checks the package against them); typeguard
checks a value against one at run time, containers item by item.
"""

from __future__ import annotations

import ast
import builtins
import functools
import importlib
import inspect
import re
import types
import typing
from collections.abc import Callable, Collection, Sequence
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


class _Later(dict[str, Any]):
    """The local names of an annotation's eval: the classes its module imports only for
    type checking (NumPy's, Arrow's compute's, the loaders': a command that only reads
    starts without them), imported when an annotation names one; any other name is
    looked up as usual, in the module's globals and then the builtins."""

    def __init__(self, module: str, found: dict[str, Any]) -> None:
        super().__init__()
        self.module = module
        self.found = found  # the module's globals

    def __missing__(self, name: str) -> Any:
        if name in self.found or hasattr(builtins, name):
            raise KeyError(name)  # eval looks it up as usual, without reading the source
        homes = _type_checking_imports(self.module)  # read only when a name is missing
        if name not in homes:
            raise KeyError(name)
        return getattr(importlib.import_module(homes[name]), name)


@functools.cache
def _type_checking_imports(module: str) -> dict[str, str]:
    """Each name `module` imports under `if TYPE_CHECKING:`, and the module it comes from,
    read from its source: the list is the module's own, not kept twice."""
    source = inspect.getsource(importlib.import_module(module))
    homes = {}
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"):
            continue
        for statement in node.body:
            if isinstance(statement, ast.ImportFrom) and statement.module:
                homes.update({a.asname or a.name: statement.module for a in statement.names})
    return homes


@functools.cache
def _hints(function: Callable[..., Any], signature: inspect.Signature) -> dict[str, Any]:
    """Each parameter's annotation as a type."""
    hints = {}
    for name, parameter in signature.parameters.items():
        annotation = parameter.annotation
        if annotation is inspect.Parameter.empty or name == "self":
            continue
        if isinstance(annotation, str):  # the package's own annotations
            found = function.__globals__
            annotation = eval(annotation, found, _Later(function.__module__, found))
        hints[name] = annotation
    return hints


def _plainly(value: Any, hint: Any) -> bool:
    """Whether `value` is plainly of `hint` without typeguard: an instance of one of its
    classes that holds no items to check (`Path` for `str | os.PathLike[str]`), or a
    sequence of one plain class (`Sequence[str]`), checked item by item here: typeguard
    takes a second for the 50,000 file names of a zoo's models."""
    options = typing.get_args(hint) if isinstance(hint, types.UnionType) else (hint,)
    for option in options:
        cls = typing.get_origin(option) or option
        if not isinstance(cls, type) or not isinstance(value, cls):
            continue
        if not issubclass(cls, Collection) or cls in (str, bytes):
            return True
        items = typing.get_args(option)
        if (
            issubclass(cls, Sequence)
            and len(items) == 1
            and isinstance(items[0], type)
            and all(isinstance(item, items[0]) for item in typing.cast(Collection[Any], value))
        ):
            return True
    return False


def _check(where: str, name: str, value: Any, hint: Any) -> None:
    if _plainly(value, hint):
        return
    # Imported on first use: a twentieth of a second (its plugins load pydantic) that a
    # command's start-up need not pay.
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
