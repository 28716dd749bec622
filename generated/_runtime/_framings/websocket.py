# Generated from generator/runtime/_framings/websocket.py by `python -m generator build`: do not edit by hand.
# A copy of the generator's runtime: edit its source, then regenerate.
"""WebSocket messages as the answer: each a JSON document, or records split at a separator.

The call (``Call.websocket``) connects, sends what the spec says and hands each text message
to the reader here, as the other framings are handed each read of a body; a message the spec
answers at once (a ping's pong) never reaches it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .._constants import DEFAULT_MAX_EVENT_SIZE
from .._stream import StreamItem
from .base import Origin, Reader, incomplete
from .cumulative import cumulative
from .json_rules import DocumentRules
from .lines import decoded

__all__ = ["WebSocketFraming", "WebSocketReader"]


@dataclass(frozen=True, slots=True)
class WebSocketFraming:
    """Messages read by ``rules``: only those that start with ``prefix`` (without it), each
    record between ``separator`` s a document; ``replies`` answer messages at once."""

    rules: DocumentRules
    prefix: str | None = None
    separator: str | None = None
    """Between the records of a message; every message sent ends with it too (SignalR)."""
    replies: Mapping[str, str] = field(default_factory=dict)
    max_event_size: int = DEFAULT_MAX_EVENT_SIZE
    """The longest message, in bytes."""
    content_types: tuple[str, ...] = ()
    """A socket has no media type to check."""

    def reader(self, origin: Origin) -> Reader:
        """A reader for one connection's messages."""
        return cumulative(self.rules.cumulative, WebSocketReader(self, origin), origin)

    def outgoing(self, text: str) -> str:
        """``text`` as it is sent: ended by the separator, when the protocol has one."""
        return text if self.separator is None else text + self.separator


class WebSocketReader:
    """One connection's messages, each fed whole, read by :class:`WebSocketFraming`'s rules."""

    __slots__ = ("_origin", "_prefix", "_rules", "_separator")

    def __init__(self, framing: WebSocketFraming, origin: Origin) -> None:
        self._rules = framing.rules
        self._prefix = framing.prefix
        self._separator = framing.separator
        self._origin = origin

    def feed(self, chunk: bytes, items: list[StreamItem]) -> bool:
        """Add what the message ``chunk`` carries to ``items``; True once the answer is
        complete."""
        text = decoded(chunk)
        if self._prefix is not None:
            if not text.startswith(self._prefix):
                return False
            text = text[len(self._prefix) :]
        records = [text] if self._separator is None else text.split(self._separator)
        for record in records:
            if record.strip() and self._rules.read_data(record.encode(), items, self._origin):
                return True
        return False

    def end(self, items: list[StreamItem]) -> None:
        """The socket closed before the answer said it was complete."""
        if self._rules.has_stop:
            raise incomplete(
                "the socket closed before its stop condition: answer truncated", self._origin
            )
