"""Version 2: every JSONPath of a spec compiled into one function that walks a document once.

A document's text, reasoning, tool calls, token counts, finish reason, errors and stop condition
usually sit under a few common prefixes (``$.choices[0]``, ``$.usage``). Walking each path apart
would test the same prefix once per path; the walk shares each prefix, as a tree of nested
``if`` blocks, then lays out the events in their fixed order. The function is what the runtime's
``EventRules`` calls for each document: it adds the document's events to ``items`` and returns
the error message it found (or None) and whether the document completes the answer.

When msgspec classes can hold what the paths read, the module also declares them (its shapes:
``_Document`` and one class a node read by name) and a second walk, over a document decoded
into them, which reads attributes where the first tests and indexes dicts.
"""

from __future__ import annotations

import builtins
import keyword
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from ._codegen import CodeBuilder, comment, literal
from ._jsonpath import CompiledPath, Index, Name, Step, Wildcard

__all__ = ["document_walk"]

WALK_NAME = "_read_document"
TYPED_WALK_NAME = "_read_shape"

_TEXT_ROLES = {"reasoning": "ReasoningDelta", "delta": None}
"""The roles whose values are text, in the order their events come, and what wraps each."""


@dataclass
class _Node:
    """One prefix shared by several paths: what ends here, and the steps that go on from it."""

    ends: list[tuple[str, tuple[Step, ...]]] = field(default_factory=list)
    """(role, the steps after the prefix: empty, or beginning with a wildcard)."""
    children: dict[Name | Index, _Node] = field(default_factory=dict)
    attributes: dict[str, str] = field(default_factory=dict)
    """Typed walks: the attribute each member is read by, by its name."""


@dataclass
class _Walk:
    paths: dict[str, CompiledPath]
    convert_non_string: bool
    stop_equals: object
    code: CodeBuilder
    lines: list[str] = field(default_factory=list)
    nodes: int = 0
    shape_count: int = 0

    def multiple(self, role: str) -> bool:
        """Whether a role collects a list of matches, rather than one value or MISSING."""
        path = self.paths[role]
        return not path.singular

    def source(self) -> str:
        """The walk over a document as the standard library or msgspec decodes it."""
        root = self._begin(WALK_NAME, "object", "every JSONPath of the spec in one pass")
        self._node(root, "document", "    ")
        self._events()  # first: a stop event's data is read for its events, errors or not
        self._errors()
        self._stop()
        return "\n".join(self.lines)

    def typed_source(self, root_shape: str, root: _Node) -> str:
        """The walk over a document decoded into the shapes :meth:`shapes` made of ``root``."""
        self._begin(TYPED_WALK_NAME, root_shape, f"the same paths, from {root_shape}")
        self._shape_node(root, "document", "    ")
        self._errors()  # first: a document that reports an error carries nothing else
        self._events()
        self._stop()
        return "\n".join(self.lines)

    def _begin(self, name: str, document_type: str, what: str) -> _Node:
        """The function's first lines and its locals; the tree of the paths that compile."""
        code = self.code
        self.lines = [
            f"def {name}(",
            f"    document: {document_type}, items: list[{code.use('StreamItem')}]",
            ") -> tuple[object, bool]:",
            f"    # {what[0].upper()}{what[1:]}, each shared prefix walked once:",
            *(f"    # {role} {comment(literal(path.text))}" for role, path in self.paths.items()),
        ]
        self.nodes = 0
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
        return root

    def tree(self) -> _Node | None:
        """The paths as a tree of prefixes, if every one compiles."""
        if any(path.steps is None for path in self.paths.values()):
            return None
        root = _Node()
        for role, path in self.paths.items():
            assert path.steps is not None
            self._add(root, role, path.steps)
        return root

    def shapes(self, root: _Node) -> list[str] | None:
        """msgspec classes holding only the members the paths read, the document's last; None
        when the paths read a node in a way no such class can hold (as a whole and member by
        member, by name and by index, or at two indexes).
        """
        if root.ends or not _typable(root, is_root=True):
            return None
        classes: list[str] = []
        self._shape(root, "$", classes)
        return classes

    def _shape(self, node: _Node, prefix: str, classes: list[str]) -> str:
        """The type of ``node``'s value, with the classes it needs added to ``classes``."""
        if not node.children:
            return "object"
        [(first, child)] = list(node.children.items())[:1]
        if isinstance(first, Index):
            return f"list[{self._shape(child, f'{prefix}[{first.value}]', classes)}]"
        members = []
        for step, child in node.children.items():
            assert isinstance(step, Name)
            kind = self._shape(child, f"{prefix}.{step.value}", classes)
            members.append(self._member(node, step.value, kind, leaf=not child.children))
        self.shape_count += 1
        name = "_Document" if prefix == "$" else f"_Shape{self.shape_count}"
        classes.append(
            "\n".join(
                [
                    f"class {name}({self.code.use('Shape')}):",
                    f"    # The members of {comment(literal(prefix))} that the paths read.",
                    *members,
                ]
            )
        )
        return name

    def _member(self, node: _Node, key: str, kind: str, leaf: bool) -> str:
        """One member of a class: named as in the document where that is a plain identifier,
        else ``_member_N`` (which no such name can be) with the document's name given."""
        if leaf:
            default = self.code.use("MISSING")
        else:  # a member that holds more members: UNSET when the document lacks it
            default = self.code.use("UNSET")
            kind += f" | {self.code.use('UnsetType')}"
        plain = key.isidentifier() and key.isascii() and not keyword.iskeyword(key)
        if plain and not key.startswith("_") and key not in _CLASS_BODY_NAMES:
            node.attributes[key] = key
            return f"    {key}: {kind} = {default}"
        attribute = f"_member_{len(node.attributes) + 1}"
        node.attributes[key] = attribute
        named = f"{self.code.use('member')}(default={default}, name={literal(key)})"
        return f"    {attribute}: {kind} = {named}"

    def _shape_node(self, node: _Node, var: str, indent: str) -> None:
        """Like :meth:`_node`, over shapes: members are attributes, lists are typed."""
        if any(rest for _, rest in node.ends):
            # A member read by a wildcard: MISSING when the document lacks it, as it mostly does.
            self.lines.append(f"{indent}if {var} is not {self.code.use('MISSING')}:")
            for role, rest in node.ends:
                if rest:
                    self._loops(role, rest, var, indent + "    ")
            self._ends(_Node(ends=[end for end in node.ends if not end[1]]), var, indent)
        else:
            self._ends(node, var, indent)
        for step, child in node.children.items():
            if isinstance(step, Index):
                i = step.value
                test = f"len({var}) > {i}" if i >= 0 else f"len({var}) >= {-i}"
                self.lines.append(f"{indent}if {var} is not {self.code.use('UNSET')} and {test}:")
                self.nodes += 1
                element = f"node_{self.nodes}"
                self.lines.append(f"{indent}    {element} = {var}[{i}]")
                self._shape_node(child, element, indent + "    ")
                continue
            assert isinstance(step, Name)
            value = f"{var}.{node.attributes[step.value]}"
            whole = _only_value(child)
            if whole is not None:
                self.lines.append(f"{indent}{whole} = {value}")
                continue
            self.nodes += 1
            member = f"node_{self.nodes}"
            self.lines.append(f"{indent}{member} = {value}")
            if child.children and isinstance(next(iter(child.children)), Name):
                self.lines.append(f"{indent}if {member} is not {self.code.use('UNSET')}:")
                self._shape_node(child, member, indent + "    ")
            else:
                self._shape_node(child, member, indent)

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
        self._ends(node, var, indent)
        names = [(s.value, c) for s, c in node.children.items() if isinstance(s, Name)]
        tests = [(f"{literal(name)} in {var}", f"{var}[{literal(name)}]", c) for name, c in names]
        self._children(f"isinstance({var}, dict)", tests, indent)
        indexes = [(s.value, c) for s, c in node.children.items() if isinstance(s, Index)]
        tests = [
            (f"len({var}) > {i}" if i >= 0 else f"len({var}) >= {-i}", f"{var}[{i}]", child)
            for i, child in indexes
        ]
        self._children(f"isinstance({var}, list)", tests, indent)

    def _ends(self, node: _Node, var: str, indent: str) -> None:
        """What the paths that end at ``node`` take of its value, ``var``."""
        for role, rest in node.ends:
            if rest:
                self._loops(role, rest, var, indent)
            else:
                self.lines.append(f"{indent}{role} = {var}")

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
        whole = _only_value(child)
        if whole is not None:
            self.lines.append(f"{indent}    {whole} = {value}")
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
        # Most documents report no usage: one test passes over the block then.
        found = " or ".join(
            role if self.multiple(role) else f"{role} is not {self.code.use('MISSING')}"
            for role in counts
        )
        self.lines.append(f"    if {found}:")
        for role in counts:
            if self.multiple(role):
                self.lines += [
                    f"        {role}_count = None",
                    f"        for value in {role}:",
                    "            if type(value) is int:",
                    f"                {role}_count = value",
                    "                break",
                ]
            else:
                self.lines.append(f"        {role}_count = {role} if type({role}) is int else None")
        test = " or ".join(f"{role}_count is not None" for role in counts)
        arguments = ", ".join(
            f"{role}_count" if role in counts else "None"
            for role in ("input_tokens", "output_tokens")
        )
        self.lines += [
            f"        if {test}:",
            f"            items.append({self.code.use('Usage')}({arguments}))",
        ]

    def _errors(self) -> None:
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

    def _stop(self) -> None:
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


_CLASS_BODY_NAMES = frozenset({*dir(builtins), "MISSING", "UNSET", "UnsetType", "member"})
"""Names a shape's class body reads (its annotations and defaults): no member may hide one."""

_UNRENAMABLE = re.compile(r'["\\\x00-\x1f]')
"""What msgspec refuses in the document's name of a member."""


def _only_value(node: _Node) -> str | None:
    """The role that takes ``node``'s value whole, when that is all that reads it: its value
    is then assigned to the role at once, with no variable of its own."""
    if node.children or len(node.ends) != 1 or node.ends[0][1]:
        return None
    return node.ends[0][0]


def _typable(node: _Node, is_root: bool = False) -> bool:
    """Whether a class can hold what the paths read of ``node``'s value."""
    if any(isinstance(step, Name) and _UNRENAMABLE.search(step.value) for step in node.children):
        return False
    if not node.children:
        return not is_root
    if node.ends:
        return False  # read whole and member by member
    steps = list(node.children)
    if isinstance(steps[0], Index):
        if is_root or len(steps) > 1:
            return False  # a document that is a list, or a list read at two indexes
    elif not all(isinstance(step, Name) for step in steps):
        return False  # read by name and by index
    return all(_typable(child) for child in node.children.values())


def document_walk(
    paths: dict[str, CompiledPath],
    convert_non_string: bool,
    stop_equals: object,
    code: CodeBuilder,
) -> list[tuple[str, str]]:
    """The keyword arguments of ``EventRules`` that read every role of ``paths``: the walk of
    a decoded document and, when msgspec classes can hold what the paths read, those classes
    (the document's as ``shape``) and the walk over them.

    Roles: ``delta`` (text), ``reasoning``, ``tool_calls``, ``input_tokens``,
    ``output_tokens``, ``finish_reason``, ``stop`` (compared with ``stop_equals``), and
    ``error``, ``error_2``, ... in the order they are tried.
    """
    walk = _Walk(paths, convert_non_string, stop_equals, code)
    arguments = [("walk", code.define(WALK_NAME, walk.source()))]
    root = walk.tree()
    classes = None if root is None else walk.shapes(root)
    if root is not None and classes:
        for source in classes:
            code.define(source.split("(", 1)[0].removeprefix("class "), source)
        shape = "_Document"
        arguments.append(("shape", shape))
        source = walk.typed_source(shape, root)
        arguments.append(("shape_walk", code.define(TYPED_WALK_NAME, source)))
    return arguments
