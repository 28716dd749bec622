"""What a text answer carries besides its text: in-band markers a spec names.

Some servers answer in plain text and say things in the same channel: an event to pass over
(``<PHIND_METADATA>``), a text that means the request failed (a rate limit written into the
answer), a notice that stands before the answer and is no part of it.
"""

from __future__ import annotations

from dataclasses import dataclass

from .._stream import StreamItem
from .base import Origin
from .json_rules import reported

__all__ = ["MarkedText", "TextMarkers"]


@dataclass(frozen=True, slots=True)
class TextMarkers:
    """The markers of a spec's text answer."""

    skip: tuple[str, ...] = ()
    """An event whose text starts with one of these is passed over (SSE)."""
    errors: tuple[str, ...] = ()
    """A text holding one of these is the server saying the request failed."""
    cut_before: str | None = None
    """The end of a notice before the answer: it, and what precedes it, are dropped (text)."""

    def passes_over(self, text: str) -> bool:
        """Whether ``text`` (one event's) is to be passed over."""
        return text.startswith(self.skip)

    def check(self, text: str, origin: Origin) -> None:
        """Raise the ``ServerReportedError`` ``text`` is, if it holds an error text."""
        if any(error in text for error in self.errors):
            raise reported(text, origin)


class MarkedText:
    """One answer's text as it arrives, read for its markers.

    An error text split across two reads is found all the same: as many characters as the
    longest error text has, less one, wait for the next read before they are passed on. With
    ``cut_before``, the text waits until the notice has ended, or until the body ends without
    one (then it is all answer).
    """

    __slots__ = ("_checked", "_cutting", "_held", "_keep", "_markers", "_origin")

    def __init__(self, markers: TextMarkers, origin: Origin) -> None:
        self._markers = markers
        self._origin = origin
        self._keep = max(map(len, markers.errors), default=1) - 1
        self._cutting = markers.cut_before is not None
        self._held = ""
        self._checked = 0
        """How much of the held text has been looked through for an error text."""

    def feed(self, text: str, items: list[StreamItem]) -> None:
        """Add what of ``text`` is answer, and can be passed on now, to ``items``."""
        held = self._held + text
        self._markers.check(held[max(0, self._checked - self._keep) :], self._origin)
        if self._cutting:
            notice_end = self._notice_end(held)
            if notice_end < 0:
                self._held, self._checked = held, len(held)
                return
            held, self._cutting = held[notice_end:], False
        ready = len(held) - self._keep
        if ready > 0:
            items.append(held[:ready])
            held = held[ready:]
        self._held, self._checked = held, len(held)

    def end(self, items: list[StreamItem]) -> None:
        """The body ended: what was held back is answer."""
        if self._held:
            items.append(self._held)
        self._held = ""

    def _notice_end(self, held: str) -> int:
        """Where the answer starts after the notice in ``held``, or -1 before its end came."""
        marker = self._markers.cut_before
        assert marker is not None  # only while cutting
        found = held.find(marker, max(0, self._checked - len(marker) + 1))
        return -1 if found < 0 else found + len(marker)
