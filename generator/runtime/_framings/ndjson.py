"""One JSON document per line (Ollama's ``/api/chat``, for one)."""

from __future__ import annotations

from collections.abc import AsyncIterable, AsyncIterator
from dataclasses import dataclass

from .._constants import DEFAULT_MAX_EVENT_SIZE
from .._stream import StreamItem
from .base import Origin, Silence, incomplete, too_large
from .json_rules import Rules
from .lines import LineSplitter, OversizeError, utf8_decoder

__all__ = ["LineDecoder", "NDJSONFraming"]


class LineDecoder:
    """Bytes in, as they arrive and split anywhere; the non-blank lines out."""

    def __init__(self, max_size: int = DEFAULT_MAX_EVENT_SIZE) -> None:
        self._decoder = utf8_decoder()
        self._lines = LineSplitter(max_size)

    def feed(self, chunk: bytes) -> list[str]:
        """Decode one read; return the non-blank lines it completed."""
        return [line for line in self._lines.feed(self._decoder.decode(chunk)) if line.strip()]

    def close(self) -> list[str]:
        """End of body: the last line, if it had no line end and is not blank."""
        lines = self._lines.feed(self._decoder.decode(b"", True))
        lines.append(self._lines.close())
        return [line for line in lines if line.strip()]


@dataclass(frozen=True, slots=True)
class NDJSONFraming:
    """One JSON document per line; blank lines are skipped."""

    rules: Rules
    content_types: tuple[str, ...] = ("application/x-ndjson",)
    max_event_size: int = DEFAULT_MAX_EVENT_SIZE

    async def deltas(
        self, chunks: AsyncIterable[bytes], origin: Origin
    ) -> AsyncIterator[StreamItem]:
        """Yield what each line of the body carries, and check that the stream ended properly."""
        decoder = LineDecoder(self.max_event_size)
        silence = Silence(self.max_event_size)
        async for chunk in chunks:
            try:
                lines = decoder.feed(chunk)
            except OversizeError as error:
                raise too_large(error, origin) from None
            silence.after(len(chunk), len(lines), origin)
            for line in lines:
                items, stop = self.rules.read(line, origin)
                for item in items:
                    yield item
                if stop:
                    return
        for line in decoder.close():
            items, stop = self.rules.read(line, origin)
            for item in items:
                yield item
            if stop:
                return
        if self.rules.has_stop:
            raise incomplete("the stream ended before its stop condition: answer truncated", origin)
