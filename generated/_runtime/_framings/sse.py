# Generated from generator/runtime/_framings/sse.py by `python -m generator build`: do not edit by hand.
# A copy of the generator's runtime: edit its source, then regenerate.
"""Server-sent events whose data is JSON (or a sentinel such as ``[DONE]``).

The decoder follows the WHATWG HTML standard's rules for interpreting an event stream.
"""

from __future__ import annotations

from collections.abc import AsyncIterable, AsyncIterator
from dataclasses import dataclass

from .._constants import DEFAULT_MAX_EVENT_SIZE
from .._stream import StreamItem
from .base import Origin, Silence, incomplete, too_large
from .json_rules import Rules, loads_leniently, reported
from .lines import LineSplitter, OversizeError, utf8_decoder

__all__ = ["SSEDecoder", "SSEFraming", "ServerSentEvent"]


@dataclass(frozen=True, slots=True)
class ServerSentEvent:
    """One dispatched server-sent event."""

    event: str = "message"
    data: str = ""
    id: str = ""
    """The last event ID in force when the event was dispatched."""
    retry: int | None = None
    """The reconnection time this event's block set, if it set one."""
    error: str | None = None
    """The value of the decoder's error field in this event's block, if the server sent one."""


_LONGEST_RETRY = 10
"""More digits than any reconnection time in milliseconds needs; longer is ignored."""


class SSEDecoder:
    """Bytes in, as they arrive and split anywhere; server-sent events out.

    ``error_field`` names a field some servers report errors in (llama.cpp's ``error:``); the
    standard ignores unknown fields, so a block with it is dispatched only when it is named.
    """

    def __init__(
        self, max_size: int = DEFAULT_MAX_EVENT_SIZE, error_field: str | None = None
    ) -> None:
        self._decoder = utf8_decoder()
        self._error_field = error_field
        self._error: str | None = None
        self._lines = LineSplitter(max_size)
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
        self._truncated = bool(self._data or self._event or self._error or last_line)
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
            if len(value) <= _LONGEST_RETRY:
                self._retry = int(value)
        elif name == self._error_field:
            self._error = value

    def _dispatch(self) -> ServerSentEvent | None:
        data, event, retry, error = self._data, self._event, self._retry, self._error
        self._data, self._data_size, self._event, self._retry, self._error = [], 0, "", None, None
        if not data and error is None:
            return None
        return ServerSentEvent(event or "message", "\n".join(data), self._last_id, retry, error)


@dataclass(frozen=True, slots=True)
class SSEFraming:
    """Server-sent events whose data is JSON, with stop and error signals by type or data."""

    rules: Rules
    delta_events: frozenset[str] | None = None
    stop_data: str | None = None
    stop_events: frozenset[str] = frozenset()
    error_events: frozenset[str] = frozenset()
    error_field: str | None = None
    content_types: tuple[str, ...] = ("text/event-stream",)
    max_event_size: int = DEFAULT_MAX_EVENT_SIZE

    @property
    def has_stop(self) -> bool:
        """Whether the spec says how the answer ends (else the end of the body ends it)."""
        return bool(self.stop_data or self.stop_events or self.rules.has_stop)

    async def deltas(
        self, chunks: AsyncIterable[bytes], origin: Origin
    ) -> AsyncIterator[StreamItem]:
        """Yield what each event of the body carries, and check that the stream ended properly."""
        decoder = SSEDecoder(self.max_event_size, self.error_field)
        silence = Silence(self.max_event_size)
        async for chunk in chunks:
            try:
                events = decoder.feed(chunk)
            except OversizeError as error:
                raise too_large(error, origin) from None
            silence.after(len(chunk), len(events), origin)
            for event in events:
                items, stop = self._interpret(event, origin)
                for item in items:
                    yield item
                if stop:
                    return
        decoder.close()
        if self.has_stop:
            raise incomplete("the stream ended before its stop event: answer truncated", origin)
        if decoder.truncated:
            raise incomplete("the stream ended in the middle of an event", origin)

    def _interpret(self, event: ServerSentEvent, origin: Origin) -> tuple[list[StreamItem], bool]:
        if event.error is not None:
            raise reported(self._error_text(event.error), origin)
        if event.event in self.stop_events:
            return self.rules.final(event.data, origin), True
        if event.event in self.error_events:
            raise reported(self._error_text(event.data), origin)
        if event.data == self.stop_data:
            return [], True
        if self.delta_events is not None and event.event not in self.delta_events:
            return [], False
        return self.rules.read(event.data, origin)

    def _error_text(self, data: str) -> object:
        """The message of an error event: at the error path if the data is JSON, else the data."""
        document = loads_leniently(data)
        message = None if document is None else self.rules.error_in(document)
        return data if message is None else message
