"""The names a spec gives (classes, modules, parameters), checked against what they would shadow."""

from __future__ import annotations

import keyword

from ._checker import Checker
from ._diagnostics import KeyPath
from ._emit import RESERVED_NAMES
from ._placeholders import builtin_placeholders

__all__ = ["check_identifier"]


def check_identifier(checker: Checker, path: KeyPath, name: str, what: str) -> None:
    """Report ``name`` unless it is an identifier the generated code leaves free."""
    if not name.isidentifier() or keyword.iskeyword(name):
        checker.error(path, f"{what} {name!r} is not a valid Python identifier")
    elif name.startswith("_"):
        checker.error(path, f"{what} {name!r} must not start with an underscore")
    elif name in RESERVED_NAMES or name in builtin_placeholders(checker.version):
        checker.error(
            path,
            f"{what} {name!r} is reserved: it would shadow a name of the "
            "generated code or a Python builtin",
        )
