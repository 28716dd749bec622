"""Python source from values: literals, comments, imports, calls and compiled JSONPath selectors.

Spec text reaches generated code only through :func:`literal` (``repr`` of the value, a Python
literal) or :func:`comment` (printable characters only); never pasted into a template.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ._jsonpath import CompiledPath, Name, Step, Wildcard
from ._runtime_source import RUNTIME_FOLDER, exported_names

__all__ = ["LIBRARY_NAMES", "CodeBuilder", "comment", "literal"]

LIBRARY_NAMES: dict[str, str | None] = {
    # name: the module it comes from, or None for a module imported as a whole
    "aiohttp": None,
    "time": None,
    "uuid": None,
    "Any": "typing",
    "ClassVar": "typing",
    "Sequence": "collections.abc",
}
"""The names a generated module may import from outside the runtime."""


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


_DIRECTIVE = re.compile(
    r"\b(noqa|type|ruff|flake8|fmt|yapf|isort|mypy|pyright|pylint|pragma|nosec)\s*:",
    flags=re.IGNORECASE,
)
"""The start of a comment that a tool reads as an instruction (``type: ignore``, ``fmt: off``)."""


def comment(text: str) -> str:
    """``text`` made safe for a ``#`` comment: one line, and no instruction to any tool.

    Anything unprintable becomes a space; ``ruff: noqa``, ``type: ignore``, ``fmt: off`` and
    their kin lose their colon, so that no linter, formatter or type checker obeys spec text.
    """
    text = " ".join("".join(c if c.isprintable() else " " for c in text).split())
    return _DIRECTIVE.sub(lambda match: f"{match.group(1)} -", text)


class CodeBuilder:
    """What one module needs, gathered while its expressions are built: imports and selectors."""

    def __init__(self) -> None:
        self._imports: set[str] = set()
        self._selectors: dict[str, str] = {}

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

    def selector(self, role: str, path: CompiledPath) -> str:
        """Version 1: the name of a function giving the value ``path`` selects, or MISSING."""
        name = f"_select_{role}"
        if name not in self._selectors:
            self._selectors[name] = self._value_selector(name, path)
        return name

    def nodes_selector(self, role: str, path: CompiledPath) -> str:
        """Version 2: the name of a function giving every value ``path`` selects, in order."""
        name = f"_select_{role}"
        if name not in self._selectors:
            self._selectors[name] = self._nodes_selector(name, path)
        return name

    def define(self, name: str, source: str) -> str:
        """``name``, a function of the module whose source is ``source``."""
        self._selectors[name] = source
        return name

    @property
    def selectors(self) -> tuple[str, ...]:
        """The source of every selector (and walk), in the order they were asked for."""
        return tuple(self._selectors.values())

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

    def _value_selector(self, name: str, path: CompiledPath) -> str:
        if path.steps is None:
            return (
                f"# JSONPath {comment(literal(path.text))} is not a singular query: jsonpath-ng evaluates it.\n"
                f"{name} = {self.use('fallback_selector')}({literal(path.text)})"
            )
        lines = [
            f"def {name}(document: object) -> object:",
            f"    # JSONPath {comment(literal(path.text))}, compiled to direct lookups.",
        ]
        if not path.steps:
            return "\n".join([*lines, "    return document"])
        lines.append("    node = document")
        for step in path.steps:
            lines.extend(self.step(step, "node", f"return {self.use('MISSING')}", "    "))
        lines.append("    return node")
        return "\n".join(lines)

    def _nodes_selector(self, name: str, path: CompiledPath) -> str:
        if path.steps is None:
            return (
                f"# JSONPath {comment(literal(path.text))} does not compile: jsonpath-ng evaluates it.\n"
                f"{name} = {self.use('fallback_nodes')}({literal(path.text)})"
            )
        how = "direct lookups" if path.singular else "lookups and loops"
        lines = [
            f"def {name}(document: object) -> list[object]:",
            f"    # JSONPath {comment(literal(path.text))}, compiled to {how}.",
        ]
        if path.singular:
            if not path.steps:
                return "\n".join([*lines, "    return [document]"])
            lines.append("    node = document")
            for step in path.steps:
                lines.extend(self.step(step, "node", "return []", "    "))
            return "\n".join([*lines, "    return [node]"])
        lines += ["    nodes: list[object] = []", "    node = document"]
        node, leave, indent = "node", "return nodes", "    "
        for step in path.steps:
            if isinstance(step, Wildcard):
                child = f"node{indent.count('    ')}"
                children = (
                    f"({node} if isinstance({node}, list) "
                    f"else {node}.values() if isinstance({node}, dict) else ())"
                )
                lines.append(f"{indent}for {child} in {children}:")
                node, leave, indent = child, "continue", indent + "    "
            else:
                lines.extend(self.step(step, node, leave, indent))
        lines += [f"{indent}nodes.append({node})", "    return nodes"]
        return "\n".join(lines)

    @staticmethod
    def step(step: Step, node: str, leave: str, indent: str) -> list[str]:
        """The lines that move ``node`` one step down, or ``leave`` where nothing is."""
        if isinstance(step, Wildcard):
            raise ValueError("a wildcard becomes a loop, not a lookup")
        if isinstance(step, Name):
            key = literal(step.value)
            test = f"not isinstance({node}, dict) or {key} not in {node}"
        elif step.value >= 0:
            key = str(step.value)
            test = f"not isinstance({node}, list) or len({node}) <= {step.value}"
        else:
            key = str(step.value)
            test = f"not isinstance({node}, list) or len({node}) < {-step.value}"
        return [f"{indent}if {test}:", f"{indent}    {leave}", f"{indent}{node} = {node}[{key}]"]
