"""The two walks of a document: over JSON as decoded whole, and over a document's shape.

Both go down the prefix tree once, sharing each prefix between the paths below it, and end
alike (``_outcome``). The first tests and indexes dicts and lists; the second reads the
attributes of a shape, whose members have their types already.
"""

from __future__ import annotations

from ..._model import CompiledPath, DocumentPaths, Index, Name, Step, Wildcard
from .._source import CodeBuilder, comment, literal
from ._outcome import outcome_lines
from ._shapes import Shapes
from ._tree import Node, only_value

__all__ = ["DOCUMENT_WALK", "SHAPE_WALK", "document_walk", "lookup", "shape_walk"]

DOCUMENT_WALK = "_read_document"
SHAPE_WALK = "_read_shape"


class _Function:
    """The lines of one walk being written, and the names of its locals."""

    def __init__(self, rules: DocumentPaths, code: CodeBuilder) -> None:
        self.rules = rules
        self.code = code
        self.lines: list[str] = []
        self._nodes = 0

    def local(self) -> str:
        """A new local's name for a node's value: ``node_1``, ``node_2``, ..."""
        self._nodes += 1
        return f"node_{self._nodes}"

    def begin(self, name: str, document_type: str, what: str) -> None:
        """The function's first lines: its signature, what it reads, and a local per role."""
        code = self.code
        self.lines = [
            f"def {name}(",
            f"    document: {document_type}, items: list[{code.use('StreamItem')}]",
            ") -> tuple[object, bool]:",
            f"    # {what}, each shared prefix walked once:",
            *(
                f"    # {role} {comment(literal(path.text))}"
                for role, path in self.rules.paths.items()
            ),
        ]
        for role, path in self.rules.paths.items():
            if path.steps is None:  # left to jsonpath-ng
                self.lines.append(f"    {role} = {_selector(role, path, code)}(document)")
            elif not path.singular:
                self.lines.append(f"    {role}: list[object] = []")
            else:
                self.lines.append(f"    {role}: object = {code.use('MISSING')}")

    def end(self) -> str:
        return "\n".join([*self.lines, *outcome_lines(self.rules, self.code)])

    def ends(self, node: Node, var: str, indent: str) -> None:
        """What the paths that end at ``node`` take of its value, ``var``."""
        for role, rest in node.ends:
            if rest:
                self.loops(role, rest, var, indent)
            else:
                self.lines.append(f"{indent}{role} = {var}")

    def loops(self, role: str, steps: tuple[Step, ...], var: str, indent: str) -> None:
        """The matches of ``steps`` below ``var`` appended to ``role``; each wildcard a loop."""
        node = var
        for step in steps:
            if isinstance(step, Wildcard):
                child = self.local()
                children = (
                    f"({node} if isinstance({node}, list) "
                    f"else {node}.values() if isinstance({node}, dict) else ())"
                )
                self.lines.append(f"{indent}for {child} in {children}:")
                node, indent = child, indent + "    "
            else:
                self.lines.extend(lookup(step, node, "continue", indent))
        self.lines.append(f"{indent}{role}.append({node})")


def _selector(role: str, path: CompiledPath, code: CodeBuilder) -> str:
    """A module-level selector that gives the matches of a path jsonpath-ng evaluates."""
    name = f"_select_{role}"
    text = comment(literal(path.text))
    if path.first_match_only:
        arguments = f"{literal(path.text)}, first_match_only=True"
        why = (
            f"# JSONPath {text} does not compile: jsonpath-ng evaluates it; its first match counts."
        )
    else:
        arguments = literal(path.text)
        why = f"# JSONPath {text} does not compile: jsonpath-ng evaluates it."
    return code.define(name, f"{why}\n{name} = {code.use('fallback_nodes')}({arguments})")


def lookup(step: Step, node: str, leave: str, indent: str) -> list[str]:
    """The lines that move ``node`` one step down, or ``leave`` where nothing is."""
    if isinstance(step, Name):
        key = literal(step.value)
        test = f"not isinstance({node}, dict) or {key} not in {node}"
    elif isinstance(step, Index) and step.value >= 0:
        key = str(step.value)
        test = f"not isinstance({node}, list) or len({node}) <= {step.value}"
    elif isinstance(step, Index):
        key = str(step.value)
        test = f"not isinstance({node}, list) or len({node}) < {-step.value}"
    else:
        raise ValueError("a wildcard becomes a loop, not a lookup")
    return [f"{indent}if {test}:", f"{indent}    {leave}", f"{indent}{node} = {node}[{key}]"]


def _index_test(var: str, index: int) -> str:
    return f"len({var}) > {index}" if index >= 0 else f"len({var}) >= {-index}"


def document_walk(rules: DocumentPaths, root: Node, code: CodeBuilder) -> str:
    """The walk over a document as the standard library or msgspec decodes it."""
    walk = _Function(rules, code)
    walk.begin(DOCUMENT_WALK, "object", "Every JSONPath of the spec in one pass")
    _document_node(walk, root, "document", "    ")
    return walk.end()


def _document_node(walk: _Function, node: Node, var: str, indent: str) -> None:
    walk.ends(node, var, indent)
    names = [(s.value, c) for s, c in node.children.items() if isinstance(s, Name)]
    tests = [(f"{literal(name)} in {var}", f"{var}[{literal(name)}]", c) for name, c in names]
    _children(walk, f"isinstance({var}, dict)", tests, indent)
    indexes = [(s.value, c) for s, c in node.children.items() if isinstance(s, Index)]
    tests = [(_index_test(var, i), f"{var}[{i}]", child) for i, child in indexes]
    _children(walk, f"isinstance({var}, list)", tests, indent)


def _children(walk: _Function, kind: str, tests: list[tuple[str, str, Node]], indent: str) -> None:
    """The children of one kind (members or elements), behind the test of that kind."""
    if len(tests) == 1:
        [(test, value, child)] = tests
        _child(walk, child, f"{kind} and {test}", value, indent)
    elif tests:
        walk.lines.append(f"{indent}if {kind}:")
        for test, value, child in tests:
            _child(walk, child, test, value, indent + "    ")


def _child(walk: _Function, child: Node, test: str, value: str, indent: str) -> None:
    walk.lines.append(f"{indent}if {test}:")
    whole = only_value(child)
    if whole is not None:
        walk.lines.append(f"{indent}    {whole} = {value}")
        return
    var = walk.local()
    walk.lines.append(f"{indent}    {var} = {value}")
    _document_node(walk, child, var, indent + "    ")


def shape_walk(rules: DocumentPaths, root: Node, shapes: Shapes, code: CodeBuilder) -> str:
    """The walk over a document decoded into ``shapes``: members are attributes, lists typed."""
    walk = _Function(rules, code)
    document = shapes.classes[-1][0]
    walk.begin(SHAPE_WALK, document, f"The same paths, from {document}")
    _shape_node(walk, root, shapes, "document", "    ")
    return walk.end()


def _shape_node(walk: _Function, node: Node, shapes: Shapes, var: str, indent: str) -> None:
    code = walk.code
    if any(rest for _, rest in node.ends):
        # A member read by a wildcard: MISSING when the document lacks it, as it mostly does.
        walk.lines.append(f"{indent}if {var} is not {code.use('MISSING')}:")
        for role, rest in node.ends:
            if rest:
                walk.loops(role, rest, var, indent + "    ")
        walk.ends(Node(node.path, [end for end in node.ends if not end[1]]), var, indent)
    else:
        walk.ends(node, var, indent)
    for step, child in node.children.items():
        if isinstance(step, Index):
            test = _index_test(var, step.value)
            walk.lines.append(f"{indent}if {var} is not {code.use('UNSET')} and {test}:")
            element = walk.local()
            walk.lines.append(f"{indent}    {element} = {var}[{step.value}]")
            _shape_node(walk, child, shapes, element, indent + "    ")
            continue
        value = f"{var}.{shapes.attribute(node, step.value)}"
        whole = only_value(child)
        if whole is not None:
            walk.lines.append(f"{indent}{whole} = {value}")
            continue
        member = walk.local()
        walk.lines.append(f"{indent}{member} = {value}")
        if child.children and isinstance(next(iter(child.children)), Name):
            walk.lines.append(f"{indent}if {member} is not {code.use('UNSET')}:")
            _shape_node(walk, child, shapes, member, indent + "    ")
        else:
            _shape_node(walk, child, shapes, member, indent)
