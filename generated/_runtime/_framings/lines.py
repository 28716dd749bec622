# Generated from generator/runtime/_framings/lines.py by `python -m generator build`: do not edit by hand.
# A copy of the generator's runtime: edit its source, then regenerate.
"""Bytes to lines or blocks, a whole read at a time: what the line-based framings share.

Splitting happens on bytes: CR and LF never occur inside a UTF-8 character, so a line is cut in
the same place before decoding as after, and a line decoded alone gives the same text as the
stream decoded whole (invalid bytes become U+FFFD either way). One leading BOM is stripped, even
one split across reads. Lines end at CRLF, LF or CR, mixed, and a CR at the end of one read
followed by LF at the start of the next is one line end; reads are normalised to LF only when
they hold a CR. Nothing else ends a line: U+2028, U+0085, form feed and vertical tab are text.
"""

from __future__ import annotations

import codecs

__all__ = ["OversizeError", "Splitter", "UnfinishedText", "decoded", "utf8_decoder"]

_BOM = codecs.BOM_UTF8
_CR = 13


class OversizeError(Exception):
    """A line or event grew past ``limit`` characters before it ended."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"a line or event exceeded {limit} characters")
        self.limit = limit


def utf8_decoder() -> codecs.IncrementalDecoder:
    """An incremental UTF-8 decoder that replaces invalid bytes and drops one leading BOM."""
    # utf-8-sig drops one leading BOM, also when its three bytes arrive in separate reads.
    return codecs.getincrementaldecoder("utf-8-sig")(errors="replace")


def decoded(data: bytes, final: bool = True) -> str:
    """``data`` as text, invalid bytes replaced; unless ``final``, a character cut off at the
    end is left out, as an incremental decoder would hold it back.
    """
    return codecs.utf_8_decode(data, "replace", final)[0]


class Splitter:
    """Bytes in, split anywhere; the pieces between ``separator`` s out, line ends as LF.

    ``separator`` is ``b"\\n"`` for lines, ``b"\\n\\n"`` for blocks of lines ended by a blank
    line. The unfinished piece is kept as a list of reads, joined once when it ends, so a long
    piece arriving in tiny reads costs linear time.
    """

    def __init__(self, separator: bytes) -> None:
        self._separator = separator
        self._pending: list[bytes] = []
        self._pending_size = 0
        self._started = False  # whether the leading BOM has been looked for
        self._after_cr = False  # the last read ended with CR: a leading LF belongs to it
        self.added: bytes | None = None
        """What the last read added to the unfinished piece; None if it began a new one."""

    @property
    def pending(self) -> bytes:
        """The unfinished piece so far."""
        return b"".join(self._pending)

    @property
    def pending_size(self) -> int:
        """Its length in bytes."""
        return self._pending_size

    def feed(self, chunk: bytes) -> list[bytes]:
        """The pieces ``chunk`` completes, without their separators."""
        self.added = b""
        if not self._started:
            chunk = self._after_bom(chunk)
            self.added = None
        if not chunk:
            return []
        if self._after_cr and chunk[0] == 10:
            chunk = chunk[1:]
            if not chunk:
                self._after_cr = False
                return []
        if _CR in chunk:
            self._after_cr = chunk[-1] == _CR
            chunk = chunk.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        else:
            self._after_cr = False
        if not self._completes(chunk):
            self._keep(chunk)
            if self.added is not None:
                self.added = chunk
            return []
        self.added = None
        if self._pending:
            chunk = b"".join(self._pending) + chunk
            self._pending.clear()
        pieces = chunk.split(self._separator)
        self._pending_size = 0
        self._keep(pieces.pop())
        return pieces

    def close(self) -> bytes:
        """End of body: the unfinished piece."""
        rest = b"".join(self._pending)
        self._pending.clear()
        self._pending_size = 0
        # A body that is the start of a BOM and nothing else: utf-8-sig reads nothing in it.
        return rest if self._started else b""

    def _after_bom(self, chunk: bytes) -> bytes:
        if self._pending:
            chunk = b"".join(self._pending) + chunk
            self._pending.clear()
            self._pending_size = 0
        if len(chunk) < len(_BOM) and _BOM.startswith(chunk):
            self._keep(chunk)  # maybe a BOM cut across reads: wait for the rest
            return b""
        self._started = True
        return chunk[len(_BOM) :] if chunk.startswith(_BOM) else chunk

    def _completes(self, chunk: bytes) -> bool:
        if self._separator in chunk:
            return True
        # A blank line whose first LF ended the pending piece and whose second begins the read.
        return (
            len(self._separator) == 2
            and chunk[0] == 10
            and self._pending_size > 0
            and self._pending[-1][-1] == 10
        )

    def _keep(self, data: bytes) -> None:
        if data:
            self._pending.append(data)
            self._pending_size += len(data)


class UnfinishedText:
    """The characters of a body's unfinished piece, counted as its bytes arrive.

    Fewer bytes than the limit are fewer characters, so a piece needs counting only once it is
    longer than the limit in bytes; from then on each read's bytes are counted once, which keeps
    an endless piece in tiny reads linear. Raises OversizeError as soon as a line, or (with
    ``data_lines``, the SSE rules) the data of the event, is longer than the limit.
    """

    def __init__(self, max_size: int, data_lines: bool) -> None:
        self._max_size = max_size
        self._data_lines = data_lines
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._counting = False  # whether the unfinished piece is being counted
        self._line_chars = 0
        self._line_start = b""  # enough of the line to tell a data field
        self._data_size = 0

    def check(self, splitter: Splitter) -> None:
        """After each read of ``splitter``: count what it added to the unfinished piece, once
        that piece is longer than the limit in bytes."""
        if splitter.added is None:  # a new unfinished piece
            self._counting = False
        if splitter.pending_size <= self._max_size:
            return
        if self._counting:
            self._extend(splitter.added or b"")
            return
        self._counting = True
        self._decoder.reset()
        self._line_chars = self._data_size = 0
        self._line_start = b""
        self._extend(splitter.pending)

    def _extend(self, added: bytes) -> None:
        """Count ``added``, the bytes just added to the unfinished piece."""
        *ended, rest = added.split(b"\n")
        for line in ended:
            self._count(line, final=True)
            self._end_line()
        self._count(rest, final=False)

    def _count(self, part: bytes, final: bool) -> None:
        if len(self._line_start) < 6:
            self._line_start += part[: 6 - len(self._line_start)]
        self._line_chars += len(self._decoder.decode(part, final))
        if self._line_chars > self._max_size:
            raise OversizeError(self._max_size)

    def _end_line(self) -> None:
        start = self._line_start
        if self._data_lines and (start.startswith(b"data:") or start == b"data"):
            # The value: after "data:" and one space, or nothing for a bare "data".
            value = 0 if start == b"data" else self._line_chars - 5 - (start[5:6] == b" ")
            self._data_size += value + 1
            if self._data_size > self._max_size:
                raise OversizeError(self._max_size)
        self._decoder.reset()
        self._line_chars = 0
        self._line_start = b""
