"""Every JSONPath of a spec compiled into one function that walks a document once.

The walk goes down the paths' tree of shared prefixes (``_tree``) as nested ``if`` blocks, then
lays out what it found in one fixed order (``_outcome``). It is what the runtime's
``DocumentRules`` calls for each document: it adds the document's events to ``items`` and
returns the error message it found (or None) and whether the document completes the answer.

When msgspec classes can hold what the paths read, the module also declares them
(``_shapes``) and a second walk over a document decoded into them (``_walks``), which reads
attributes where the first tests and indexes dicts.
"""

from __future__ import annotations

from ..._model import DocumentPaths
from .._source import CodeBuilder, literal
from ._shapes import shapes_of
from ._tree import prefix_tree
from ._walks import DOCUMENT_WALK, SHAPE_WALK, document_walk, lookup, shape_walk

__all__ = ["lookup", "rules_arguments"]


def rules_arguments(rules: DocumentPaths, code: CodeBuilder) -> list[tuple[str, str]]:
    """The keyword arguments of the runtime's ``DocumentRules`` for ``rules``, as source: the
    walk and, when the paths allow one, the document's shape and the walk over it."""
    root = prefix_tree(rules.paths)
    arguments = [("walk", code.define(DOCUMENT_WALK, document_walk(rules, root, code)))]
    compiled = all(path.steps is not None for path in rules.paths.values())
    shapes = shapes_of(root, code) if compiled else None
    if shapes is not None:
        for name, source in shapes.classes:
            code.define(name, source)
        arguments.append(("shape", shapes.classes[-1][0]))
        source = shape_walk(rules, root, shapes, code)
        arguments.append(("shape_walk", code.define(SHAPE_WALK, source)))
    if rules.has_stop:
        arguments.append(("has_stop", "True"))
    if rules.cumulative is not None:
        arguments.append(("cumulative", literal(rules.cumulative)))
    return arguments
