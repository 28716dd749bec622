"""The expression that builds a spec's framing: a call of its runtime class.

The model gives the class's arguments as values; here each becomes Python source, and the
rules for JSON documents become the walk that reads them.
"""

from __future__ import annotations

from dataclasses import fields

from .._model import DocumentPaths, FramingSpec, TextMarkers
from ._source import CodeBuilder, literal
from ._walk import rules_arguments

__all__ = ["framing_call"]


def framing_call(framing: FramingSpec, code: CodeBuilder) -> str:
    """``SSEFraming(rules=DocumentRules(walk=_read_document, ...), ...)``, say: the rules are
    the runtime's, compiled from the model's ``DocumentPaths``."""
    arguments = [(name, _source(value, code)) for name, value in framing.runtime_arguments()]
    return code.call(framing.runtime_class, arguments)


def _source(value: object, code: CodeBuilder) -> str:
    if isinstance(value, DocumentPaths):
        return code.call("DocumentRules", rules_arguments(value, code))
    if isinstance(value, TextMarkers):
        given = [(field.name, getattr(value, field.name)) for field in fields(value)]
        return code.call("TextMarkers", [(name, literal(v)) for name, v in given if v])
    if isinstance(value, frozenset):
        return f"frozenset({literal(tuple(sorted(value)))})"
    return literal(value)
