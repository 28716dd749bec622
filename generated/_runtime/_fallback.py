# Generated from generator/runtime/_fallback.py by `python -m generator build`: do not edit by hand.
# A copy of the generator's runtime: edit its source, then regenerate.
"""JSONPath that does not compile to lookups, evaluated with jsonpath-ng.

The generator compiles queries of names, indexes and wildcards into the walk of each document;
only the rest come here. Only modules whose spec needs it import this module, and with it
jsonpath-ng.
"""

from __future__ import annotations

from jsonpath_ng.ext.parser import parse

from ._framings import NodeSelector

__all__ = ["fallback_nodes"]


def fallback_nodes(path: str, *, first_match_only: bool = False) -> NodeSelector:
    """A selector for ``path`` that returns its matches in document order (the first alone,
    with ``first_match_only``), parsed once: jsonpath-ng's ``parse`` costs milliseconds."""
    expression = parse(path)

    def select(document: object) -> list[object]:
        matches = expression.find(document)
        return [match.value for match in (matches[:1] if first_match_only else matches)]

    return select
