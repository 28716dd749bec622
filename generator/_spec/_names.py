"""The names a spec gives (classes, modules, parameters), checked against what they would shadow."""

from __future__ import annotations

import keyword

from .._diagnostics import KeyPath
from .._model import reserved_names
from .._runtime_source import PACKAGE_NAMES
from ._checker import Checker

__all__ = ["check_identifier", "check_module_name", "check_name"]


def check_name(checker: Checker, path: KeyPath, name: str, what: str) -> bool:
    """Report ``name`` unless it is an identifier that does not start with an underscore (the
    generated code's own names do); return whether it is one."""
    if not name.isidentifier() or keyword.iskeyword(name):
        checker.error(path, f"{what} {name!r} is not a valid Python identifier")
        return False
    if name.startswith("_"):
        checker.error(path, f"{what} {name!r} must not start with an underscore")
        return False
    return True


def check_identifier(checker: Checker, path: KeyPath, name: str, what: str) -> None:
    """Report ``name`` unless it is an identifier the generated code leaves free."""
    if not check_name(checker, path, name, what):
        return
    if name in reserved_names() or name in checker.format.placeholders:
        checker.error(
            path,
            f"{what} {name!r} is reserved: it would shadow a name of the "
            "generated code or a Python builtin",
        )


def check_module_name(checker: Checker, path: KeyPath, name: str) -> None:
    """Report ``name`` unless a provider module may have it: importing ``package.name`` would
    hide a name of the package's own (``import pkg.providers`` rebinds ``pkg.providers``), or
    the command line could not tell it from a command."""
    check_identifier(checker, path, name, "module name")
    if name in PACKAGE_NAMES:
        checker.error(path, f"module name {name!r} is taken by {PACKAGE_NAMES[name]}")
