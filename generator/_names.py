"""The names a spec gives (classes, modules, parameters), checked against what they would shadow."""

from __future__ import annotations

import keyword

from ._checker import Checker
from ._diagnostics import KeyPath
from ._emit import RESERVED_NAMES
from ._placeholders import builtin_placeholders

__all__ = ["REGISTRY_FUNCTIONS", "check_identifier", "check_module_name"]

REGISTRY_FUNCTIONS = ("find_providers", "get_provider", "provider_infos", "providers")
"""The functions a package's ``__init__`` defines over its registry of providers."""

_TAKEN_MODULE_NAMES = {
    **{name: "a function of the package" for name in REGISTRY_FUNCTIONS},
    "serve": "the command python -m PACKAGE serve",
}
"""Module names a provider cannot have: importing the module would hide the package's own name
(``import pkg.providers`` rebinds ``pkg.providers``), or the command line could not tell them
apart."""


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


def check_module_name(checker: Checker, path: KeyPath, name: str) -> None:
    """Report ``name`` unless a provider module may have it."""
    check_identifier(checker, path, name, "module name")
    if name in _TAKEN_MODULE_NAMES:
        checker.error(path, f"module name {name!r} is taken by {_TAKEN_MODULE_NAMES[name]}")
