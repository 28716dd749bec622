"""Server-sent events whose data is JSON (or a sentinel such as ``[DONE]``), or text.

The decoder follows the WHATWG HTML standard's rules for interpreting an event stream. A read is
split into blocks at blank lines all at once; a block that is one ``data:`` line, or an
``event:`` line and a ``data:`` line (what LLM servers send), is taken apart on the spot, and any
other block goes through the standard's line-by-line rules. Both give the same events.
"""

from __future__ import annotations

from dataclasses import dataclass

from .._constants import DEFAULT_MAX_EVENT_SIZE
from .._stream import StreamItem
from .base import Origin, Reader, Silence, incomplete, too_large
from .cumulative import cumulative
from .json_rules import DocumentRules, loads_leniently, reported
from .lines import OversizeError, Splitter, UnfinishedText, decoded
from .markers import TextMarkers

__all__ = ["SSEDecoder", "SSEFraming", "SSEReader", "ServerSentEvent"]


ServerSentEvent = tuple[str, bytes, str | None]
"""One dispatched event: its type, its data (UTF-8) and the value of the decoder's error field
in its block, if the server sent one."""

_DATA = b"data:"
_EVENT = b"event:"


class SSEDecoder:
    """Bytes in, as they arrive and split anywhere; server-sent events out.

    ``error_field`` names a field some servers report errors in (llama.cpp's ``error:``); the
    standard ignores unknown fields, so a block with it is dispatched only when it is named.
    Event IDs and reconnection times are ignored: an LLM stream is a POST, never resumed.
    """

    def __init__(
        self, max_size: int = DEFAULT_MAX_EVENT_SIZE, error_field: str | None = None
    ) -> None:
        self._blocks = Splitter(b"\n\n")
        self._max_size = max_size
        self._error_field = error_field
        self._truncated = False
        self._unfinished = UnfinishedText(max_size, data_lines=True)

    @property
    def truncated(self) -> bool:
        """After :meth:`close`: whether the body ended inside an event, which was discarded."""
        return self._truncated

    def blocks(self, chunk: bytes) -> list[bytes]:
        """Decode one read; return the blocks of lines it completed, each an event or none.

        Raises OversizeError as soon as a line or an event's data is longer than the limit,
        before any block of the read is returned.
        """
        blocks = self._blocks.feed(chunk)
        limit = self._max_size
        # Fewer bytes than the limit are fewer characters than the limit: only longer blocks
        # need their lines counted.
        if blocks and max(map(len, blocks)) > limit:
            for block in blocks:
                if len(block) > limit:
                    self._fields(decoded(block).split("\n"))
        self._unfinished.check(self._blocks)  # refused before it ends if already too large
        return blocks

    def event(self, block: bytes) -> ServerSentEvent | None:
        """The event a block dispatches, or None if it dispatches nothing."""
        if 10 not in block and block.startswith(_DATA):
            return ("message", block[6:] if block[5:6] == b" " else block[5:], None)
        event = self._two_lines(block)
        return self._interpret(decoded(block)) if event is None else event

    def close(self) -> None:
        """End of body. An event without its closing blank line is discarded, as specified.

        Raises OversizeError if what is left is too large.
        """
        lines = decoded(self._blocks.close()).split("\n")
        data, event, error = self._fields(lines)  # the last line too, though it never ended
        self._truncated = bool(data or event or error or lines[-1])

    def _two_lines(self, block: bytes) -> ServerSentEvent | None:
        """``event: TYPE`` then ``data: DATA``, or None for any other block."""
        if block[:6] != _EVENT:
            return None
        end = block.find(b"\n")
        if block[end + 1 : end + 6] != _DATA or block.find(b"\n", end + 1) >= 0:
            return None
        kind = decoded(block[7:end] if block[6:7] == b" " else block[6:end])
        data = block[end + 7 :] if block[end + 6 : end + 7] == b" " else block[end + 6 :]
        return (kind or "message", data, None)

    def _interpret(self, text: str) -> ServerSentEvent | None:
        """The standard's rules for one block of lines; None if it dispatches nothing."""
        data, event, error = self._fields(text.split("\n"))
        if not data and error is None:
            return None
        return (event or "message", "\n".join(data).encode(), error)

    def _fields(self, lines: list[str]) -> tuple[list[str], str, str | None]:
        """The data lines, the event type and the error of complete lines of one block."""
        data: list[str] = []
        data_size = 0
        event = ""
        error = None
        for line in lines:
            if len(line) > self._max_size:
                raise OversizeError(self._max_size)
            if not line or line[0] == ":":
                continue  # a blank line before the block's first field, or a comment
            name, colon, value = line.partition(":")
            if colon and value[:1] == " ":
                value = value[1:]
            if name == "data":
                data.append(value)
                data_size += len(value) + 1
                if data_size > self._max_size:
                    raise OversizeError(self._max_size)
            elif name == "event":
                event = value
            elif name == self._error_field:
                error = value
        return data, event, error


@dataclass(frozen=True, slots=True)
class SSEFraming:
    """Server-sent events whose data is JSON read by ``rules``, or text (no rules: the data is
    the text, read for ``markers``), with stop and error signals by type or data."""

    rules: DocumentRules | None = None
    markers: TextMarkers | None = None
    delta_events: frozenset[str] | None = None
    stop_data: str | None = None
    stop_events: frozenset[str] = frozenset()
    read_stop_events: bool = True
    """Whether a stop event's data is read for what it carries (usage, say)."""
    error_events: frozenset[str] = frozenset()
    error_field: str | None = None
    content_types: tuple[str, ...] = ("text/event-stream",)
    max_event_size: int = DEFAULT_MAX_EVENT_SIZE

    @property
    def has_stop(self) -> bool:
        """Whether the spec says how the answer ends (else the end of the body ends it)."""
        has_stop = self.rules is not None and self.rules.has_stop
        return bool(self.stop_data or self.stop_events or has_stop)

    def reader(self, origin: Origin) -> Reader:
        """A reader for one response."""
        mode = None if self.rules is None else self.rules.cumulative
        return cumulative(mode, SSEReader(self, origin), origin)


class SSEReader:
    """One response's events, read by :class:`SSEFraming`'s rules."""

    __slots__ = ("_decoder", "_framing", "_origin", "_plain", "_silence", "_stop_data")

    def __init__(self, framing: SSEFraming, origin: Origin) -> None:
        self._framing = framing
        self._origin = origin
        self._decoder = SSEDecoder(framing.max_event_size, framing.error_field)
        self._silence = Silence(framing.max_event_size)
        self._stop_data = None if framing.stop_data is None else framing.stop_data.encode()
        self._plain = (
            "message" not in framing.stop_events
            and "message" not in framing.error_events
            and (framing.delta_events is None or "message" in framing.delta_events)
        )
        """Whether a message event is read for its deltas alone, which is what most are."""

    def feed(self, chunk: bytes, items: list[StreamItem]) -> bool:
        """Add what the events ``chunk`` completes carry to ``items``; True once the answer is
        complete (the rest of the body is not read).
        """
        decoder = self._decoder
        try:
            blocks = decoder.blocks(chunk)
        except OversizeError as error:
            raise too_large(error, self._origin) from None
        # Locals, not attributes, in the loop that runs once per event.
        framing, origin, stop_data = self._framing, self._origin, self._stop_data
        rules, delta_events = framing.rules, framing.delta_events
        stop_events, error_events = framing.stop_events, framing.error_events
        plain = self._plain
        read = self._read_text if rules is None else rules.read_data
        events = 0
        for block in blocks:
            if plain and 10 not in block and block.startswith(b"data: "):
                # A message event of one data line, read as the loop below reads it.
                events += 1
                data = block[6:]
                if data == stop_data:
                    return True
                if read(data, items, origin):
                    return True
                continue
            parsed = decoder.event(block)
            if parsed is None:
                continue
            events += 1
            event, data, reported_error = parsed
            if reported_error is not None:
                raise reported(self._error_text(reported_error), origin)
            if event in stop_events:
                if framing.read_stop_events and rules is not None:
                    rules.final(data, items)
                return True
            if event in error_events:
                raise reported(self._error_text(decoded(data)), origin)
            if data == stop_data:
                return True
            wanted = delta_events is None or event in delta_events
            if wanted and read(data, items, origin):
                return True
        # Counted after reading: a read with an event in it passes, and one without has
        # nothing to read.
        self._silence.after(len(chunk), events, origin)
        return False

    def end(self, items: list[StreamItem]) -> None:
        """The body ended before the answer did: say how."""
        try:
            self._decoder.close()
        except OversizeError as error:
            raise too_large(error, self._origin) from None
        if self._framing.has_stop:
            raise incomplete(
                "the stream ended before its stop event: answer truncated", self._origin
            )
        if self._decoder.truncated:
            raise incomplete("the stream ended in the middle of an event", self._origin)

    def _read_text(self, data: bytes, items: list[StreamItem], origin: Origin) -> bool:
        """An event whose data is text: the text, unless a marker says otherwise."""
        text = decoded(data)
        markers = self._framing.markers
        if markers is not None:
            if markers.passes_over(text):
                return False
            markers.check(text, origin)
        if text:
            items.append(text)
        return False

    def _error_text(self, data: str) -> object:
        """The message of an error event: at the error path if the data is JSON, else the data."""
        rules = self._framing.rules
        document = None if rules is None else loads_leniently(data)
        message = None if rules is None or document is None else rules.error_in(document)
        return data if message is None else message
