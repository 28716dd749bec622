# Generated from generator/runtime/_framings/lines.py by `python -m generator build`: do not edit by hand.
# A copy of the generator's runtime: edit its source, then regenerate.
"""Bytes to text to lines, incrementally: what the line-based framings share.

UTF-8 is decoded as it arrives (a character split across reads is never garbled; invalid bytes
become U+FFFD) and one leading BOM is stripped, even one split across reads. Lines end at CRLF,
LF or CR, mixed, and a CR at the end of one read followed by LF at the start of the next is one
line end. Nothing else ends a line: U+2028, U+0085, form feed and vertical tab are text.
"""

from __future__ import annotations

import codecs
import re

__all__ = ["LineSplitter", "OversizeError", "utf8_decoder"]

_LINE_END = re.compile(r"\r\n|\r|\n")


class OversizeError(Exception):
    """A line or event grew past ``limit`` characters before it ended."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"a line or event exceeded {limit} characters")
        self.limit = limit


def utf8_decoder() -> codecs.IncrementalDecoder:
    """An incremental UTF-8 decoder that replaces invalid bytes and drops one leading BOM."""
    # utf-8-sig drops one leading BOM, also when its three bytes arrive in separate reads.
    return codecs.getincrementaldecoder("utf-8-sig")(errors="replace")


class LineSplitter:
    """Text in, complete lines out; the unfinished line is kept, bounded by ``max_size``."""

    def __init__(self, max_size: int) -> None:
        self._max_size = max_size
        self._pending: list[str] = []  # pieces of the unfinished line: joining once is linear
        self._pending_size = 0
        self._after_cr = False  # the last text ended with CR: a leading LF belongs to it

    def feed(self, text: str) -> list[str]:
        """The lines ``text`` completes, without their line ends."""
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
