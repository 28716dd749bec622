"""Version 2: every JSONPath of a spec compiled into one function that walks a document once.

A document's text, reasoning, tool calls, token counts, finish reason, errors and stop condition
usually sit under a few common prefixes (``$.choices[0]``, ``$.usage``). Walking each path apart
would test the same prefix once per path; the walk shares each prefix, as a tree of nested
``if`` blocks, then lays out the events in their fixed order. The function is what the runtime's
``EventRules`` calls for each document: it adds the document's events to ``items`` and returns
the error message it found (or None) and whether the document completes the answer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from ._codegen import CodeBuilder, comment, literal
from ._jsonpath import CompiledPath, Index, Name, Step, Wildcard

__all__ = ["document_walk"]

WALK_NAME = "_read_document"

_TEXT_ROLES = {"reasoning": "ReasoningDelta", "delta": None}
"""The roles whose values are text, in the order their events come, and what wraps each."""


@dataclass
class _Node:
    """One prefix shared by several paths: what ends here, and the steps that go on from it."""

    ends: list[tuple[str, tuple[Step, ...]]] = field(default_factory=list)
    """(role, the steps after the prefix: empty, or beginning with a wildcard)."""
    children: dict[Name | Index, _Node] = field(default_factory=dict)


@dataclass
class _Walk:
    paths: dict[str, CompiledPath]
    convert_non_string: bool
    stop_equals: object
    code: CodeBuilder
    lines: list[str] = field(default_factory=list)
    nodes: int = 0

    def multiple(self, role: str) -> bool:
        """Whether a role collects a list of matches, rather than one value or MISSING."""
        path = self.paths[role]
        return not path.singular

    def source(self) -> str:
        code = self.code
        self.lines = [
            f"def {WALK_NAME}(",
            f"    document: object, items: list[{code.use('StreamItem')}]",
            ") -> tuple[object, bool]:",
            "    # Every JSONPath of the spec in one pass, each shared prefix walked once:",
            *(f"    # {role} {comment(literal(path.text))}" for role, path in self.paths.items()),
        ]
        root = _Node()
        for role, path in self.paths.items():
            if path.steps is None:  # left to jsonpath-ng
                selector = code.nodes_selector(role, path)
                self.lines.append(f"    {role} = {selector}(document)")
            elif self.multiple(role):
                self.lines.append(f"    {role}: list[object] = []")
                self._add(root, role, path.steps)
            else:
                self.lines.append(f"    {role}: object = {code.use('MISSING')}")
                self._add(root, role, path.steps)
        self._node(root, "document", "    ")
        self._events()
        self._outcome()
        return "\n".join(self.lines)

    @staticmethod
    def _add(root: _Node, role: str, steps: tuple[Step, ...]) -> None:
        node = root
        for position, step in enumerate(steps):
            if isinstance(step, Wildcard):
                node.ends.append((role, steps[position:]))
                return
            node = node.children.setdefault(step, _Node())
        node.ends.append((role, ()))

    def _node(self, node: _Node, var: str, indent: str) -> None:
        for role, rest in node.ends:
            if rest:
                self._loops(role, rest, var, indent)
            else:
                self.lines.append(f"{indent}{role} = {var}")
        names = [(s.value, c) for s, c in node.children.items() if isinstance(s, Name)]
        tests = [(f"{literal(name)} in {var}", f"{var}[{literal(name)}]", c) for name, c in names]
        self._children(f"isinstance({var}, dict)", tests, indent)
        indexes = [(s.value, c) for s, c in node.children.items() if isinstance(s, Index)]
        tests = [
            (f"len({var}) > {i}" if i >= 0 else f"len({var}) >= {-i}", f"{var}[{i}]", child)
            for i, child in indexes
        ]
        self._children(f"isinstance({var}, list)", tests, indent)

    def _children(self, kind: str, tests: list[tuple[str, str, _Node]], indent: str) -> None:
        """The children of one kind (members or elements), behind the test of that kind."""
        if len(tests) == 1:
            [(test, value, child)] = tests
            self._child(child, f"{kind} and {test}", value, indent)
        elif tests:
            self.lines.append(f"{indent}if {kind}:")
            for test, value, child in tests:
                self._child(child, test, value, indent + "    ")

    def _child(self, child: _Node, test: str, value: str, indent: str) -> None:
        self.lines.append(f"{indent}if {test}:")
        if not child.children and len(child.ends) == 1 and not child.ends[0][1]:
            self.lines.append(f"{indent}    {child.ends[0][0]} = {value}")
            return
        self.nodes += 1
        var = f"node_{self.nodes}"
        self.lines.append(f"{indent}    {var} = {value}")
        self._node(child, var, indent + "    ")

    def _loops(self, role: str, steps: tuple[Step, ...], var: str, indent: str) -> None:
        """The matches of ``steps`` below ``var`` appended to ``role``; each wildcard a loop."""
        node = var
        for step in steps:
            if isinstance(step, Wildcard):
                self.nodes += 1
                child = f"node_{self.nodes}"
                children = (
                    f"({node} if isinstance({node}, list) "
                    f"else {node}.values() if isinstance({node}, dict) else ())"
                )
                self.lines.append(f"{indent}for {child} in {children}:")
                node, indent = child, indent + "    "
            else:
                self.lines.extend(CodeBuilder.step(step, node, "continue", indent))
        self.lines.append(f"{indent}{role}.append({node})")

    def _events(self) -> None:
        for role, wrapper in _TEXT_ROLES.items():
            if role in self.paths:
                self._each(role, partial(self._text, role, wrapper))
        if "tool_calls" in self.paths:
            self._each("tool_calls", self._tool_call)
        self._usage()
        if "finish_reason" in self.paths:
            self._each("finish_reason", self._finish)

    def _text(self, role: str, wrapper: str | None, value: str) -> list[str]:
        def wrap(text: str) -> str:
            return text if wrapper is None else f"{self.code.use(wrapper)}({text})"

        if not self.convert_non_string:
            return [f"if type({value}) is str and {value}:", f"    items.append({wrap(value)})"]
        test = f"{value} is not None"
        if not self.multiple(role):
            test += f" and {value} is not {self.code.use('MISSING')}"
        return [
            f"if type({value}) is str:",
            f"    if {value}:",
            f"        items.append({wrap(value)})",
            f"elif {test}:",
            f"    items.append({wrap(self.code.use('json_text') + f'({value})')})",
        ]

    def _tool_call(self, value: str) -> list[str]:
        # Like empty text, null and an empty list or object carry no tool call.
        test = f"{value} not in (None, [], {{}})"
        if not self.multiple("tool_calls"):
            test = f"{value} is not {self.code.use('MISSING')} and {test}"
        return [f"if {test}:", f"    items.append({self.code.use('ToolCallDelta')}({value}))"]

    def _finish(self, value: str) -> list[str]:
        finish = self.code.use("Finish")
        lines = [
            f"if isinstance({value}, str) and {value}:",
            f"    items.append({finish}({value}))",
        ]
        return [*lines, "    break"] if self.multiple("finish_reason") else lines

    def _each(self, role: str, body: Callable[[str], list[str]]) -> None:
        """``body`` for the value of a role, or for each of its matches (``value``)."""
        if self.multiple(role):
            self.lines.append(f"    for value in {role}:")
            self.lines.extend(f"        {line}" for line in body("value"))
        else:
            self.lines.extend(f"    {line}" for line in body(role))

    def _usage(self) -> None:
        counts = [role for role in ("input_tokens", "output_tokens") if role in self.paths]
        if not counts:
            return
        for role in counts:
            if self.multiple(role):
                self.lines += [
                    f"    {role}_count = None",
                    f"    for value in {role}:",
                    "        if type(value) is int:",
                    f"            {role}_count = value",
                    "            break",
                ]
            else:
                self.lines.append(f"    {role}_count = {role} if type({role}) is int else None")
        test = " or ".join(f"{role}_count is not None" for role in counts)
        arguments = ", ".join(
            f"{role}_count" if role in counts else "None"
            for role in ("input_tokens", "output_tokens")
        )
        self.lines += [
            f"    if {test}:",
            f"        items.append({self.code.use('Usage')}({arguments}))",
        ]

    def _outcome(self) -> None:
        for role in (role for role in self.paths if role == "error" or role.startswith("error_")):
            if self.multiple(role):
                self.lines += [
                    f"    for message in {role}:",
                    "        if message is not None:",
                    "            return message, False",
                ]
            else:
                missing = self.code.use("MISSING")
                self.lines += [
                    f"    if {role} is not None and {role} is not {missing}:",
                    f"        return {role}, False",
                ]
        if "stop" not in self.paths:
            self.lines.append("    return None, False")
            return
        equals = self.code.use("json_equals")
        expected = literal(self.stop_equals)
        if self.multiple("stop"):
            self.lines.append(
                f"    return None, any({equals}(value, {expected}) for value in stop)"
            )
        else:
            self.lines.append(f"    return None, {equals}(stop, {expected})")


def document_walk(
    paths: dict[str, CompiledPath],
    convert_non_string: bool,
    stop_equals: object,
    code: CodeBuilder,
) -> str:
    """The name of the function that reads every role of ``paths`` from a document.

    Roles: ``delta`` (text), ``reasoning``, ``tool_calls``, ``input_tokens``,
    ``output_tokens``, ``finish_reason``, ``stop`` (compared with ``stop_equals``), and
    ``error``, ``error_2``, ... in the order they are tried.
    """
    walk = _Walk(paths, convert_non_string, stop_equals, code)
    return code.define(WALK_NAME, walk.source())
