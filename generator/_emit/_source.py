"""Python source from values: literals, comments, imports, calls and the module's definitions.

Spec text reaches generated code only through :func:`literal` (``repr`` of the value, a Python
literal) or :func:`comment` (printable characters only); never pasted into a template.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .._model import LIBRARY_NAMES
from .._runtime_source import RUNTIME_FOLDER, exported_names

__all__ = ["CodeBuilder", "comment", "literal"]


def literal(value: object) -> str:
    """The Python literal for a JSON-like value (str, number, bool, None, list, dict, tuple)."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{literal(k)}: {literal(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    if isinstance(value, tuple):
        items = [literal(v) for v in value]
        return f"({items[0]},)" if len(items) == 1 else "(" + ", ".join(items) + ")"
    if value is None or isinstance(value, str | int | float | bool):
        return repr(value)
    raise TypeError(f"no literal for {type(value).__name__}")


_KEYWORD_DIRECTIVE = re.compile(
    r"(\b(?:noqa|type|ruff|flake8|fmt|yapf|autopep8|isort|mypy|pyright|pylint|pytype|pragma"
    r"|nosec|codespell))\s*:|(coding)[:=]",
    flags=re.IGNORECASE,
)
"""A tool's word and the colon that makes it an instruction, wherever it stands (``type:
ignore``, ``fmt: off``, ``pylint: disable``, ...), and PEP 263's ``coding:`` or ``coding=``,
which Python itself reads on a module's first two lines."""

_BARE_DIRECTIVE = re.compile(
    r"(^|#)(\s*)(noqa|nosec|pyre-[\w-]*|noinspection|pragma\s*no\s*(?:cover|branch))",
    flags=re.IGNORECASE,
)
"""What a tool obeys without a colon where it follows a ``#`` (as a comment's first word does):
ruff's and flake8's ``noqa``, coverage's ``pragma no cover``, bandit's ``nosec``, pyre's and
PyCharm's suppressions."""


def comment(text: str) -> str:
    """``text`` made safe for a ``#`` comment: one line, and no instruction to any tool.

    Anything unprintable becomes a space; ``ruff: noqa``, ``type: ignore``, ``fmt: off`` and
    their kin lose their colon, and a word obeyed without one (``noqa``, ``pragma no cover``)
    is put in backquotes where it would follow a ``#``, so that no linter, formatter, type
    checker or coverage tool obeys spec text.
    """
    text = " ".join("".join(c if c.isprintable() else " " for c in text).split())
    text = _KEYWORD_DIRECTIVE.sub(lambda match: f"{match.group(1) or match.group(2)} -", text)
    return _BARE_DIRECTIVE.sub(lambda match: "{}{}`{}`".format(*match.groups()), text)


class CodeBuilder:
    """What one module needs, gathered while its expressions are built: imports and the
    definitions (walks, shapes, selectors) that stand before its class."""

    def __init__(self) -> None:
        self._imports: set[str] = set()
        self._definitions: dict[str, str] = {}

    def use(self, name: str) -> str:
        """``name``, imported by the module: from the library or from the runtime."""
        if name not in LIBRARY_NAMES and name not in exported_names():
            raise KeyError(f"{name!r} is neither a library name nor exported by the runtime")
        self._imports.add(name)
        return name

    def call(self, callee: str, arguments: Iterable[tuple[str, str]]) -> str:
        """``callee(name=expression, ...)``, with ``callee`` imported."""
        keywords = ", ".join(f"{name}={expression}" for name, expression in arguments)
        return f"{self.use(callee)}({keywords})"

    def define(self, name: str, source: str) -> str:
        """``name``, defined by the module with ``source`` (a function, a class, ...)."""
        self._definitions[name] = source
        return name

    @property
    def definitions(self) -> tuple[str, ...]:
        """The source of every definition, in the order they were made."""
        return tuple(self._definitions.values())

    @property
    def names(self) -> frozenset[str]:
        """Every name the module imports."""
        return frozenset(self._imports)

    @property
    def imports(self) -> tuple[str, ...]:
        """The import statements for every name used, sorted."""
        whole: list[str] = []
        by_module: dict[str, list[str]] = {}
        for name in sorted(self._imports):
            if name not in LIBRARY_NAMES:
                module = f".{RUNTIME_FOLDER}.{exported_names()[name]}"
            elif (library := LIBRARY_NAMES[name]) is not None:
                module = library
            else:
                whole.append(f"import {name}")
                continue
            by_module.setdefault(module, []).append(name)
        froms = [f"from {module} import {', '.join(names)}" for module, names in by_module.items()]
        return (*whole, *sorted(froms))
