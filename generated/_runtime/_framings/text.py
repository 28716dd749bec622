# Generated from generator/runtime/_framings/text.py by `python -m generator build`: do not edit by hand.
# A copy of the generator's runtime: edit its source, then regenerate.
"""The body itself is the answer, decoded as UTF-8 as it arrives."""

from __future__ import annotations

from dataclasses import dataclass

from .._stream import StreamItem
from .base import Origin
from .lines import utf8_decoder
from .markers import MarkedText, TextMarkers

__all__ = ["TextDecoder", "TextFraming", "TextReader"]


class TextDecoder:
    """Bytes in, as they arrive and split anywhere; text out."""

    def __init__(self) -> None:
        self._decoder = utf8_decoder()

    def feed(self, chunk: bytes) -> str:
        """Decode one read; a character split at its end waits for the next read."""
        return self._decoder.decode(chunk)

    def close(self) -> str:
        """End of body: an incomplete character left over becomes U+FFFD."""
        return self._decoder.decode(b"", True)


@dataclass(frozen=True, slots=True)
class TextFraming:
    """Raw text: the deltas are the body's reads, decoded; the end of the body ends the answer.

    ``markers`` name what the text carries besides the answer (an error text, a notice).
    """

    content_types: tuple[str, ...] = ("text/plain",)
    markers: TextMarkers | None = None

    def reader(self, origin: Origin) -> TextReader:
        """A reader for one response."""
        marked = None if self.markers is None else MarkedText(self.markers, origin)
        return TextReader(marked)


class TextReader:
    """One response's text, as it arrives."""

    __slots__ = ("_decoder", "_marked")

    def __init__(self, marked: MarkedText | None = None) -> None:
        self._decoder = TextDecoder()
        self._marked = marked

    def feed(self, chunk: bytes, items: list[StreamItem]) -> bool:
        """Add the text of ``chunk`` to ``items``; the answer ends with the body only."""
        self._add(self._decoder.feed(chunk), items)
        return False

    def end(self, items: list[StreamItem]) -> None:
        """The body ended, and with it the answer."""
        self._add(self._decoder.close(), items)
        if self._marked is not None:
            self._marked.end(items)

    def _add(self, text: str, items: list[StreamItem]) -> None:
        if self._marked is not None:
            self._marked.feed(text, items)
        elif text:
            items.append(text)
