"""One JSON document per line (Ollama's ``/api/chat``, for one)."""

from __future__ import annotations

from dataclasses import dataclass

from .._constants import DEFAULT_MAX_EVENT_SIZE
from .._stream import StreamItem
from .base import Origin, Reader, Silence, incomplete, too_large
from .cumulative import cumulative
from .json_rules import DocumentRules, parse_json
from .lines import OversizeError, Splitter, UnfinishedText, decoded

__all__ = ["LineDecoder", "NDJSONFraming", "NDJSONReader"]

# Bytes that may start a line of text that str.strip() leaves empty besides ASCII whitespace:
# the ASCII separators and the lead bytes of non-ASCII characters.
_MAYBE_BLANK = frozenset({0x1C, 0x1D, 0x1E, 0x1F, *range(0x80, 0x100)})


class LineDecoder:
    """Bytes in, as they arrive and split anywhere; the non-blank lines out, as UTF-8."""

    def __init__(self, max_size: int = DEFAULT_MAX_EVENT_SIZE) -> None:
        self._lines = Splitter(b"\n")
        self._max_size = max_size
        self._unfinished = UnfinishedText(max_size, data_lines=False)

    def feed(self, chunk: bytes) -> list[bytes]:
        """Decode one read; return the non-blank lines it completed.

        Raises OversizeError as soon as a line is longer than the limit, before any line of
        the read is returned.
        """
        lines = self._lines.feed(chunk)
        for line in lines:
            # Fewer bytes than the limit are fewer characters than the limit.
            if len(line) > self._max_size:
                self._check(decoded(line))
        self._unfinished.check(self._lines)  # refused before it ends if already too large
        return [line for line in lines if not _blank(line)]

    def close(self) -> str | None:
        """End of body: the last line, if it had no line end and is not blank."""
        line = decoded(self._lines.close())
        self._check(line)
        return line if line.strip() else None

    def _check(self, line: str) -> None:
        if len(line) > self._max_size:
            raise OversizeError(self._max_size)


def _blank(line: bytes) -> bool:
    """Whether ``line`` is blank as text: only whitespace, Unicode's included."""
    stripped = line.strip()
    if not stripped:
        return True
    return stripped[0] in _MAYBE_BLANK and not decoded(stripped).strip()


@dataclass(frozen=True, slots=True)
class NDJSONFraming:
    """One JSON document per line; blank lines are skipped."""

    rules: DocumentRules
    content_types: tuple[str, ...] = ("application/x-ndjson",)
    max_event_size: int = DEFAULT_MAX_EVENT_SIZE

    def reader(self, origin: Origin) -> Reader:
        """A reader for one response."""
        return cumulative(self.rules.cumulative, NDJSONReader(self, origin), origin)


class NDJSONReader:
    """One response's lines, read by :class:`NDJSONFraming`'s rules."""

    __slots__ = ("_decoder", "_origin", "_rules", "_silence")

    def __init__(self, framing: NDJSONFraming, origin: Origin) -> None:
        self._rules = framing.rules
        self._origin = origin
        self._decoder = LineDecoder(framing.max_event_size)
        self._silence = Silence(framing.max_event_size)

    def feed(self, chunk: bytes, items: list[StreamItem]) -> bool:
        """Add what the lines ``chunk`` completes carry to ``items``; True once the answer is
        complete (the rest of the body is not read).
        """
        try:
            lines = self._decoder.feed(chunk)
        except OversizeError as error:
            raise too_large(error, self._origin) from None
        self._silence.after(len(chunk), len(lines), self._origin)
        rules, origin = self._rules, self._origin
        # A loop rather than any(): no generator frame per line on the hot path.
        for line in lines:  # noqa: SIM110
            if rules.read_data(line, items, origin):
                return True
        return False

    def end(self, items: list[StreamItem]) -> None:
        """The body ended: read its last line if it had no line end, then say what is missing."""
        try:
            line = self._decoder.close()
        except OversizeError as error:
            raise too_large(error, self._origin) from None
        if line is not None and self._rules.read(
            parse_json(line, self._origin), items, self._origin
        ):
            return
        if self._rules.has_stop:
            raise incomplete(
                "the stream ended before its stop condition: answer truncated", self._origin
            )
