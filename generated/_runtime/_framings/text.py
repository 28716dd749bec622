# Generated from generator/runtime/_framings/text.py by `python -m generator build`: do not edit by hand.
# A copy of the generator's runtime: edit its source, then regenerate.
"""The body itself is the answer, decoded as UTF-8 as it arrives."""

from __future__ import annotations

from collections.abc import AsyncIterable, AsyncIterator
from dataclasses import dataclass

from .._stream import StreamItem
from .base import Origin
from .lines import utf8_decoder

__all__ = ["TextDecoder", "TextFraming"]


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
    """Raw text: the deltas are the body's reads, decoded; the end of the body ends the answer."""

    content_types: tuple[str, ...] = ("text/plain",)

    async def deltas(
        self, chunks: AsyncIterable[bytes], origin: Origin
    ) -> AsyncIterator[StreamItem]:
        """Yield the body's text as it arrives."""
        decoder = TextDecoder()
        async for chunk in chunks:
            text = decoder.feed(chunk)
            if text:
                yield text
        tail = decoder.close()
        if tail:
            yield tail
