# Generated from generator/runtime/_fallback.py by `python -m generator build`: do not edit by hand.
# A copy of the generator's runtime: edit its source, then regenerate.
"""JSONPath that is not a singular query, evaluated with jsonpath-ng.

The generator compiles singular queries (names and indices only) to direct lookups; only the
rest come here. Only modules whose spec needs it import this module, and with it jsonpath-ng.
"""

from __future__ import annotations

from jsonpath_ng.ext.parser import parse

from ._framings import MISSING, NodeSelector, Selector

__all__ = ["fallback_nodes", "fallback_selector"]


def fallback_selector(path: str) -> Selector:
    """A selector for ``path``, parsed once (jsonpath-ng's ``parse`` costs milliseconds).

    The selector returns the value of the first match in document order, or MISSING.
    """
    expression = parse(path)

    def select(document: object) -> object:
        matches = expression.find(document)
        return matches[0].value if matches else MISSING

    return select


def fallback_nodes(path: str) -> NodeSelector:
    """A selector for ``path`` that returns every match in document order, parsed once."""
    expression = parse(path)

    def select(document: object) -> list[object]:
        return [match.value for match in expression.find(document)]

    return select
