"""AWS's event stream (``application/vnd.amazon.eventstream``): binary messages, each a JSON
document read by the spec's rules (Bedrock's ``converse-stream`` and
``invoke-with-response-stream``).

A message is a 12-byte prelude (its total length, its headers' length, the prelude's CRC32),
typed headers, a payload and the whole message's CRC32; both checksums are checked. An
``event`` message's payload is read (wrapped in a JSON member as base64, Bedrock's ``bytes``,
where the spec says so); an ``exception`` or ``error`` message is the server's error, its type
and message kept. A package carries this module only when one of its specs reads the framing.
"""

from __future__ import annotations

import base64
import struct
import zlib
from dataclasses import dataclass

import msgspec

from ._constants import DEFAULT_MAX_EVENT_SIZE
from ._exceptions import EventTooLargeError, MalformedEventError, ServerReportedError
from ._framings.base import Origin, Reader, incomplete
from ._framings.cumulative import cumulative
from ._framings.json_rules import DocumentRules
from ._stream import StreamItem

__all__ = ["EventStreamDecoder", "EventStreamFraming", "FrameError", "FrameMessage", "HeaderValue"]

HeaderValue = bool | int | bytes | str
"""A header's value: booleans, integers (timestamps as milliseconds), bytes (UUIDs as their
16 bytes) and strings."""

_PRELUDE = struct.Struct(">III")
_MAX_HEADERS_LENGTH = 128 * 1024
"""AWS's limit on a message's headers."""
_INTEGERS = {2: struct.Struct(">b"), 3: struct.Struct(">h"), 4: struct.Struct(">i"), 5: struct.Struct(">q"), 8: struct.Struct(">q")}  # fmt: skip
"""Header types holding a number, by code: byte, short, integer, long, timestamp."""
_LENGTH = struct.Struct(">H")


@dataclass(frozen=True, slots=True)
class FrameMessage:
    """One message: its headers by name, and its payload."""

    headers: dict[str, HeaderValue]
    payload: bytes


class FrameError(Exception):
    """Bytes that are no message of the event stream: ``too_large`` when a length is over its
    limit."""

    def __init__(self, reason: str, *, too_large: bool = False) -> None:
        super().__init__(reason)
        self.too_large = too_large


class EventStreamDecoder:
    """Messages out of bytes that arrive split anywhere; a payload over ``max_payload`` bytes
    is refused as soon as its prelude says so.

    Bytes that are no message stop the decoding: ``failure`` then says why, and the messages
    that came before them in the same read are still given.
    """

    __slots__ = ("_buffer", "_max_payload", "_needed", "failure")

    def __init__(self, max_payload: int) -> None:
        self._buffer = bytearray()
        self._max_payload = max_payload
        self._needed = 0
        """The length of the message begun, once its prelude is checked: until that many bytes
        are in, a read is only added to the buffer, not looked at again."""
        self.failure: FrameError | None = None
        """Why the bytes after the messages given are no message, once they are met."""

    @property
    def pending(self) -> int:
        """The bytes of a message begun and not ended."""
        return len(self._buffer)

    def feed(self, chunk: bytes) -> list[FrameMessage]:
        """The messages ``chunk`` completes, up to any bytes that are none (``failure``)."""
        if self.failure is not None:
            return []
        buffer = self._buffer
        buffer += chunk
        if len(buffer) < self._needed:
            return []
        messages: list[FrameMessage] = []
        start = 0
        try:
            while len(buffer) - start >= _PRELUDE.size:
                total = self._prelude(buffer, start)
                if len(buffer) - start < total:
                    self._needed = total
                    break
                messages.append(_message(bytes(buffer[start : start + total])))
                start += total
                self._needed = 0
        except FrameError as error:
            self.failure = error
        del buffer[:start]
        return messages

    def _prelude(self, buffer: bytearray, start: int) -> int:
        """The length of the message at ``start``, its prelude checked."""
        total, headers_length, prelude_crc = _PRELUDE.unpack_from(buffer, start)
        if zlib.crc32(buffer[start : start + 8]) != prelude_crc:
            raise FrameError("the prelude's checksum does not match")
        self._check_lengths(total, headers_length)
        return int(total)

    def _check_lengths(self, total: int, headers_length: int) -> None:
        if headers_length > _MAX_HEADERS_LENGTH:
            raise FrameError(f"headers of {headers_length} bytes, over AWS's 128 KiB")
        payload = total - headers_length - _PRELUDE.size - 4
        if payload < 0:
            raise FrameError(
                f"a total length of {total} bytes holds no headers of {headers_length}"
            )
        if payload > self._max_payload:
            raise FrameError(f"a payload of {payload} bytes", too_large=True)


def _message(frame: bytes) -> FrameMessage:
    """The message of one whole frame, its checksum checked."""
    (message_crc,) = struct.unpack_from(">I", frame, len(frame) - 4)
    if zlib.crc32(frame[:-4]) != message_crc:
        raise FrameError("the message's checksum does not match")
    (headers_length,) = struct.unpack_from(">I", frame, 4)
    end_of_headers = _PRELUDE.size + headers_length
    return FrameMessage(_headers(frame[_PRELUDE.size : end_of_headers]), frame[end_of_headers:-4])


def _headers(data: bytes) -> dict[str, HeaderValue]:
    """The headers of a message, by name; raises FrameError for bytes that are none."""
    headers: dict[str, HeaderValue] = {}
    at = 0
    try:
        while at < len(data):
            name_length = data[at]
            name = data[at + 1 : at + 1 + name_length].decode()
            at += 1 + name_length
            code = data[at]
            at += 1
            value: HeaderValue
            if code in (0, 1):
                value = code == 0
            elif code in _INTEGERS:
                number = _INTEGERS[code]
                (value,) = number.unpack_from(data, at)
                at += number.size
            elif code in (6, 7):
                (length,) = _LENGTH.unpack_from(data, at)
                raw = data[at + 2 : at + 2 + length]
                if len(raw) != length:
                    raise FrameError("a header's value is cut short")
                value = raw.decode() if code == 7 else raw
                at += 2 + length
            elif code == 9:
                value = data[at : at + 16]
                if len(value) != 16:
                    raise FrameError("a header's UUID is cut short")
                at += 16
            else:
                raise FrameError(f"header {name!r} has an unknown type, {code}")
            if name in headers:
                raise FrameError(f"header {name!r} is given twice")
            headers[name] = value
    except (IndexError, struct.error, UnicodeDecodeError):
        raise FrameError("the headers are cut short or not UTF-8") from None
    return headers


@dataclass(frozen=True, slots=True)
class EventStreamFraming:
    """AWS's event stream, each event's payload a JSON document read by ``rules`` (deltas only
    from events of ``delta_events`` types, when given); ``base64_member`` names the member of
    the payload that holds the document as base64, where it is wrapped. An event of a
    ``stop_events`` type ends the answer."""

    rules: DocumentRules
    delta_events: frozenset[str] | None = None
    stop_events: frozenset[str] = frozenset()
    base64_member: str | None = None
    content_types: tuple[str, ...] = ("application/vnd.amazon.eventstream",)
    max_event_size: int = DEFAULT_MAX_EVENT_SIZE

    @property
    def has_stop(self) -> bool:
        """Whether the spec says how the answer ends (else the end of the body ends it)."""
        return bool(self.stop_events) or self.rules.has_stop

    def reader(self, origin: Origin) -> Reader:
        """A reader for one response."""
        return cumulative(self.rules.cumulative, EventStreamReader(self, origin), origin)


class EventStreamReader:
    """One response's messages, read by :class:`EventStreamFraming`'s rules."""

    __slots__ = ("_decoder", "_framing", "_origin")

    def __init__(self, framing: EventStreamFraming, origin: Origin) -> None:
        self._framing = framing
        self._origin = origin
        self._decoder = EventStreamDecoder(framing.max_event_size)

    def feed(self, chunk: bytes, items: list[StreamItem]) -> bool:
        """Add what the messages ``chunk`` completes carry to ``items``; True once the answer
        is complete."""
        origin, decoder, framing = self._origin, self._decoder, self._framing
        for message in decoder.feed(chunk):
            kind = message.headers.get(":message-type", "event")
            if kind != "event":
                raise _server_error(message, origin)
            event = message.headers.get(":event-type")
            if event in framing.stop_events:
                framing.rules.final(self._document(message.payload), items)
                return True
            wanted = framing.delta_events is None or event in framing.delta_events
            if wanted and framing.rules.read_data(self._document(message.payload), items, origin):
                return True
        if decoder.failure is not None:
            raise _frame_error(decoder.failure, framing.max_event_size, origin)
        return False

    def end(self, items: list[StreamItem]) -> None:
        """The body ended before the answer said it was complete: say how."""
        if self._decoder.pending:
            raise incomplete("the stream ended in the middle of a message", self._origin)
        if self._framing.has_stop:
            raise incomplete(
                "the stream ended before its stop event: answer truncated", self._origin
            )

    def _document(self, payload: bytes) -> bytes:
        """The JSON document a payload holds, unwrapped from its base64 member if need be."""
        member = self._framing.base64_member
        if member is None:
            return payload
        try:
            wrapper = msgspec.json.decode(payload)
            return base64.b64decode(wrapper[member], validate=True)
        except (msgspec.DecodeError, TypeError, KeyError, ValueError):  # binascii's too
            origin = self._origin
            raise MalformedEventError(
                f"an event's payload holds no base64 document in {member!r}",
                origin.redact(payload.decode(errors="replace")),
                provider=origin.provider,
                endpoint=origin.endpoint,
            ) from None


def _frame_error(
    error: FrameError, limit: int, origin: Origin
) -> MalformedEventError | EventTooLargeError:
    """What bytes that are no message are; nothing of them is quoted (binary, where no
    redaction could find a secret)."""
    if error.too_large:
        return EventTooLargeError(limit, provider=origin.provider, endpoint=origin.endpoint)
    return MalformedEventError(
        "not an AWS event stream", str(error), provider=origin.provider, endpoint=origin.endpoint
    )


def _server_error(message: FrameMessage, origin: Origin) -> ServerReportedError:
    """The error an ``exception`` or ``error`` message reports, its type kept."""
    headers = message.headers
    kind = headers.get(":exception-type") or headers.get(":error-code") or "error"
    text = headers.get(":error-message")
    if not isinstance(text, str):
        try:
            document = msgspec.json.decode(message.payload)
        except msgspec.DecodeError:
            document = None
        found = (
            document.get("message", document.get("Message")) if isinstance(document, dict) else None
        )
        text = found if isinstance(found, str) else message.payload.decode(errors="replace")
    return ServerReportedError(
        origin.redact(text),
        provider=origin.provider,
        endpoint=origin.endpoint,
        server_type=str(kind),
    )
