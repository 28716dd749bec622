"""What every framing implements, and what framings share: origins, limits, errors.

A framing turns a response body into text deltas. Each one is a class of its own module in this
package that implements :class:`Framing`, with a :class:`Reader` for each response; a generated
module builds one from its spec, with the spec's JSONPaths compiled into a plain function that
walks each document.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final, NamedTuple, Protocol, runtime_checkable

from .._exceptions import EventTooLargeError, IncompleteStreamError, ResponseLimitError
from .._stream import StreamItem
from .lines import OversizeError

__all__ = ["MISSING", "Framing", "Origin", "Reader", "Silence"]


@runtime_checkable
class Framing(Protocol):
    """How a response body becomes text deltas."""

    @property
    def content_types(self) -> tuple[str, ...]:
        """The media types the response may have; ``*/*`` accepts any."""
        ...

    def reader(self, origin: Origin) -> Reader:
        """A reader for one response, which names ``origin`` in its errors."""
        ...


class Reader(Protocol):
    """One response's body, read a whole read at a time.

    Raise a ``ProtocolError`` (or ``ServerReportedError``) naming the origin when the body is
    not the stream the spec describes, ended early included. Items added before an error are
    the caller's: they came before it in the stream.
    """

    def feed(self, chunk: bytes, items: list[StreamItem]) -> bool:
        """Add what ``chunk`` (split anywhere) completes to ``items``; True once the answer is
        complete, when the rest of the body is left unread.
        """
        ...

    def end(self, items: list[StreamItem]) -> None:
        """The body ended before the answer said it was complete: add what its last bytes
        complete, or raise if that makes the answer truncated.
        """
        ...


def _unchanged(text: str) -> str:
    return text


class Origin(NamedTuple):
    """Who is streaming, for error messages: the provider and ``METHOD URL``.

    ``redact`` takes out of a text what the call must not show: the values of its secrets.
    Every text a framing quotes from the server in an error goes through it.
    """

    provider: str
    endpoint: str
    redact: Callable[[str], str] = _unchanged


class _Missing:
    __slots__ = ()

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Final = _Missing()
"""What a document walk holds for a path that selects nothing (unlike JSON null, which is None)."""


class Silence:
    """Counts the bytes that bring no event; more than twice the largest event end the response.

    Blank lines, comments and padding carry nothing: a body of them (a decompression bomb of
    newlines, say) would keep a core busy for nothing.
    """

    __slots__ = ("_bytes", "_limit")

    def __init__(self, max_event_size: int) -> None:
        self._limit = 2 * max_event_size
        self._bytes = 0

    def after(self, read: int, events: int, origin: Origin) -> None:
        """Note a read of ``read`` bytes that completed ``events`` events."""
        if events:
            self._bytes = 0
            return
        self._bytes += read
        if self._bytes > self._limit:
            raise ResponseLimitError(
                f"{self._bytes} bytes without an event",
                self._limit,
                provider=origin.provider,
                endpoint=origin.endpoint,
            )


def too_large(error: OversizeError, origin: Origin) -> EventTooLargeError:
    """The error for a line or event over the size limit."""
    return EventTooLargeError(error.limit, provider=origin.provider, endpoint=origin.endpoint)


def incomplete(reason: str, origin: Origin) -> IncompleteStreamError:
    """The error for a body that ended before the answer was complete."""
    return IncompleteStreamError(reason, provider=origin.provider, endpoint=origin.endpoint)
