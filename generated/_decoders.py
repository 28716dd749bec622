"""Byte stream decoders: bytes in, as they arrive and split anywhere; events, lines or text out.

All three decode UTF-8 incrementally (a character split across reads is never garbled; invalid
bytes become U+FFFD) and strip one leading BOM, even one split across reads. Lines end at CRLF,
LF or CR, mixed, and a CR at the end of one read followed by LF at the start of the next is one
line end. Nothing else ends a line: U+2028, U+0085, form feed and vertical tab are text.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

DEFAULT_MAX_SIZE = 1 << 20
"""The longest line or SSE event accepted, in characters."""

_LINE_END = re.compile(r"\r\n|\r|\n")


class OversizeError(Exception):
    """A line or event grew past ``limit`` characters before it ended."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"a line or event exceeded {limit} characters")
        self.limit = limit


def _utf8_decoder() -> codecs.IncrementalDecoder:
    # utf-8-sig drops one leading BOM, also when its three bytes arrive in separate reads.
    return codecs.getincrementaldecoder("utf-8-sig")(errors="replace")


class _LineSplitter:
    """Text in, complete lines out; the unfinished line is kept, bounded by ``max_size``."""

    def __init__(self, max_size: int) -> None:
        self._max_size = max_size
        self._pending: list[str] = []  # pieces of the unfinished line: joining once is linear
        self._pending_size = 0
        self._after_cr = False  # the last text ended with CR: a leading LF belongs to it

    def feed(self, text: str) -> list[str]:
        if not text:  # e.g. half a character: nothing to learn about line ends yet
            return []
        if self._after_cr and text.startswith("\n"):
            text = text[1:]
        self._after_cr = text.endswith("\r")
        if _LINE_END.search(text) is None:
            self._keep(text)
            return []
        lines = _LINE_END.split(text)
        if self._pending:
            lines[0] = "".join(self._pending) + lines[0]
            self._pending.clear()
            self._pending_size = 0
        self._keep(lines.pop())
        for line in lines:
            if len(line) > self._max_size:
                raise OversizeError(self._max_size)
        return lines

    def _keep(self, text: str) -> None:
        if text:
            self._pending.append(text)
            self._pending_size += len(text)
            if self._pending_size > self._max_size:
                raise OversizeError(self._max_size)

    def close(self) -> str:
        """The unfinished line at the end of the body ("" if none)."""
        line = "".join(self._pending)
        self._pending.clear()
        self._pending_size = 0
        return line


@dataclass(frozen=True, slots=True)
class ServerSentEvent:
    """One dispatched server-sent event."""

    event: str = "message"
    data: str = ""
    id: str = ""
    """The last event ID in force when the event was dispatched."""
    retry: int | None = None
    """The reconnection time this event's block set, if it set one."""


class SSEDecoder:
    """Server-sent events, parsed as the WHATWG HTML standard's "event stream" rules say."""

    def __init__(self, max_size: int = DEFAULT_MAX_SIZE) -> None:
        self._decoder = _utf8_decoder()
        self._lines = _LineSplitter(max_size)
        self._max_size = max_size
        self._data: list[str] = []
        self._data_size = 0
        self._event = ""
        self._last_id = ""
        self._retry: int | None = None
        self._truncated = False

    @property
    def truncated(self) -> bool:
        """After :meth:`close`: whether the body ended inside an event, which was discarded."""
        return self._truncated

    def feed(self, chunk: bytes) -> list[ServerSentEvent]:
        """Decode one read; return the events it completed."""
        return self._process(self._lines.feed(self._decoder.decode(chunk)))

    def close(self) -> list[ServerSentEvent]:
        """End of body. An event without its closing blank line is discarded, as specified."""
        tail = self._lines.feed(self._decoder.decode(b"", True))
        last_line = self._lines.close()
        events = self._process([*tail, last_line] if last_line else tail)
        self._truncated = bool(self._data or self._event or last_line)
        return events

    def _process(self, lines: list[str]) -> list[ServerSentEvent]:
        events = []
        for line in lines:
            if not line:
                event = self._dispatch()
                if event is not None:
                    events.append(event)
            elif not line.startswith(":"):
                self._field(line)
        return events

    def _field(self, line: str) -> None:
        name, colon, value = line.partition(":")
        if colon and value.startswith(" "):
            value = value[1:]
        if name == "data":
            self._data.append(value)
            self._data_size += len(value) + 1
            if self._data_size > self._max_size:
                raise OversizeError(self._max_size)
        elif name == "event":
            self._event = value
        elif name == "id" and "\0" not in value:
            self._last_id = value
        elif name == "retry" and value.isascii() and value.isdigit():
            self._retry = int(value)

    def _dispatch(self) -> ServerSentEvent | None:
        data, event, retry = self._data, self._event, self._retry
        self._data, self._data_size, self._event, self._retry = [], 0, "", None
        if not data:
            return None
        return ServerSentEvent(event or "message", "\n".join(data), self._last_id, retry)


class LineDecoder:
    """NDJSON: one item per line; blank lines are skipped."""

    def __init__(self, max_size: int = DEFAULT_MAX_SIZE) -> None:
        self._decoder = _utf8_decoder()
        self._lines = _LineSplitter(max_size)

    def feed(self, chunk: bytes) -> list[str]:
        """Decode one read; return the non-blank lines it completed."""
        return [line for line in self._lines.feed(self._decoder.decode(chunk)) if line.strip()]

    def close(self) -> list[str]:
        """End of body: the last line, if it had no line end and is not blank."""
        lines = self._lines.feed(self._decoder.decode(b"", True))
        lines.append(self._lines.close())
        return [line for line in lines if line.strip()]


class TextDecoder:
    """Raw text: the body is the answer, decoded as it arrives."""

    def __init__(self) -> None:
        self._decoder = _utf8_decoder()

    def feed(self, chunk: bytes) -> str:
        """Decode one read; a character split at its end waits for the next read."""
        return self._decoder.decode(chunk)

    def close(self) -> str:
        """End of body: an incomplete character left over becomes U+FFFD."""
        return self._decoder.decode(b"", True)
