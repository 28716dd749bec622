# Generated from generator/runtime/_framings/json_document.py by `python -m generator build`: do not edit by hand.
# A copy of the generator's runtime: edit its source, then regenerate.
"""One JSON document is the whole answer, pretty-printed or not: read once it has all come."""

from __future__ import annotations

from dataclasses import dataclass

from .._stream import StreamItem
from .base import Origin, incomplete
from .json_rules import DocumentRules

__all__ = ["JSONFraming", "JSONReader"]


@dataclass(frozen=True, slots=True)
class JSONFraming:
    """The body is one JSON document, read by ``rules`` when the body ends (its size is bounded
    by the endpoint's ``max_response_bytes``)."""

    rules: DocumentRules
    content_types: tuple[str, ...] = ("application/json",)

    def reader(self, origin: Origin) -> JSONReader:
        """A reader for one response."""
        return JSONReader(self.rules, origin)


class JSONReader:
    """One response's document, gathered read by read."""

    __slots__ = ("_body", "_origin", "_rules")

    def __init__(self, rules: DocumentRules, origin: Origin) -> None:
        self._rules = rules
        self._origin = origin
        self._body = bytearray()

    def feed(self, chunk: bytes, items: list[StreamItem]) -> bool:
        """Keep ``chunk``: nothing is known before the document ends."""
        self._body += chunk
        return False

    def end(self, items: list[StreamItem]) -> None:
        """The body ended: read the document."""
        if not self._body.strip():
            raise incomplete("the body ended before any JSON document", self._origin)
        self._rules.read_data(bytes(self._body), items, self._origin)
