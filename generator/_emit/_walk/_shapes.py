"""msgspec classes that hold only what a spec's JSONPaths read of a document: its shapes.

msgspec decodes a document into them without building what no path reads, which is most of an
LLM's chunk (ids, model names, timestamps). There is one class per node of the prefix tree read
by name (``_Document`` for the document itself); a node read at one index is a list of its
child's class. A member is named as in the document where that is a plain identifier, else
``_member_N`` with the document's name given to msgspec.
"""

from __future__ import annotations

import builtins
import keyword
import re
from dataclasses import dataclass, field

from ..._model import Index, Name
from .._source import CodeBuilder, comment, literal
from ._tree import Child, Node

__all__ = ["DOCUMENT_SHAPE", "Shapes", "shapes_of"]

DOCUMENT_SHAPE = "_Document"
"""The class a whole document is decoded into."""

_CLASS_BODY_NAMES = frozenset({*dir(builtins), "MISSING", "UNSET", "UnsetType", "member"})
"""Names a shape's class body reads (its annotations and defaults): no member may hide one."""

_UNRENAMABLE = re.compile(r'["\\\x00-\x1f]')
"""What msgspec refuses in the document's name of a member."""


@dataclass
class Shapes:
    """The classes (name and source, the document's last), and the attribute each member of
    each node is read by."""

    classes: list[tuple[str, str]] = field(default_factory=list)
    attributes: dict[tuple[Child, ...], dict[str, str]] = field(default_factory=dict)

    def attribute(self, node: Node, key: str) -> str:
        """The attribute member ``key`` of ``node``'s value is read by."""
        return self.attributes[node.path][key]


def shapes_of(root: Node, code: CodeBuilder) -> Shapes | None:
    """The shapes of what the tree reads; None when it reads a node in a way no class can hold
    (as a whole and member by member, by name and by index, or at two indexes), or the document
    as a list."""
    if root.ends or not _typable(root, is_root=True):
        return None
    shapes = Shapes()
    _shape(root, shapes, code)
    return shapes


def _shape(node: Node, shapes: Shapes, code: CodeBuilder) -> str:
    """The type of ``node``'s value, with the classes it needs added to ``shapes``."""
    if not node.children:
        return "object"
    [(first, child)] = list(node.children.items())[:1]
    if isinstance(first, Index):
        return f"list[{_shape(child, shapes, code)}]"
    attributes: dict[str, str] = {}
    members = []
    for step, child in node.children.items():
        assert isinstance(step, Name)
        kind = _shape(child, shapes, code)
        members.append(_member(step.value, kind, not child.children, attributes, code))
    shapes.attributes[node.path] = attributes
    name = DOCUMENT_SHAPE if not node.path else f"_Shape{len(shapes.classes) + 1}"
    prefix = comment(literal(_jsonpath(node.path)))
    source = "\n".join(
        [
            f"class {name}({code.use('Shape')}):",
            f"    # The members of {prefix} that the paths read.",
            *members,
        ]
    )
    shapes.classes.append((name, source))
    return name


def _member(key: str, kind: str, leaf: bool, attributes: dict[str, str], code: CodeBuilder) -> str:
    """One member of a class: named as in the document where that is a plain identifier,
    else ``_member_N`` (which no such name can be) with the document's name given."""
    if leaf:
        default = code.use("MISSING")
    else:  # a member that holds more members: UNSET when the document lacks it
        default = code.use("UNSET")
        kind += f" | {code.use('UnsetType')}"
    plain = key.isidentifier() and key.isascii() and not keyword.iskeyword(key)
    if plain and not key.startswith("_") and key not in _CLASS_BODY_NAMES:
        attributes[key] = key
        return f"    {key}: {kind} = {default}"
    attribute = f"_member_{len(attributes) + 1}"
    attributes[key] = attribute
    named = f"{code.use('member')}(default={default}, name={literal(key)})"
    return f"    {attribute}: {kind} = {named}"


def _jsonpath(path: tuple[Child, ...]) -> str:
    """``$.choices[0].delta``: a node's prefix as a JSONPath, for the class's comment."""
    text = "$"
    for step in path:
        text += f"[{step.value}]" if isinstance(step, Index) else f".{step.value}"
    return text


def _typable(node: Node, is_root: bool = False) -> bool:
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
