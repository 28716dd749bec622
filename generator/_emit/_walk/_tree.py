"""The JSONPaths of a spec as a tree of shared prefixes: each prefix is walked once.

A document's text, reasoning, tool calls, token counts, finish reason, errors and stop condition
usually sit under a few common prefixes (``$.choices[0]``, ``$.usage``). Each node of the tree
is one prefix: the paths that end there, and the steps that go on from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..._model import CompiledPath, Index, Name, Step, Wildcard

__all__ = ["Child", "Node", "only_value", "prefix_tree"]

Child = Name | Index
"""A step to a child node: wildcards end a path's way through the tree, as a loop."""


@dataclass
class Node:
    """One prefix shared by several paths: what ends here, and the steps that go on from it."""

    path: tuple[Child, ...] = ()
    """The steps from the document to this node."""
    ends: list[tuple[str, tuple[Step, ...]]] = field(default_factory=list)
    """(role, the steps after the prefix: empty, or beginning with a wildcard)."""
    children: dict[Child, Node] = field(default_factory=dict)


def prefix_tree(paths: dict[str, CompiledPath]) -> Node:
    """The tree of the paths that compile to steps (the others are jsonpath-ng's)."""
    root = Node()
    for role, compiled in paths.items():
        if compiled.steps is None:
            continue
        node = root
        for position, step in enumerate(compiled.steps):
            if isinstance(step, Wildcard):
                node.ends.append((role, compiled.steps[position:]))
                break
            node = node.children.setdefault(step, Node((*node.path, step)))
        else:
            node.ends.append((role, ()))
    return root


def only_value(node: Node) -> str | None:
    """The role that takes ``node``'s value whole, when that is all that reads it: its value
    is then assigned to the role at once, with no variable of its own."""
    if node.children or len(node.ends) != 1 or node.ends[0][1]:
        return None
    return node.ends[0][0]
