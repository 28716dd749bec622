# Generated from generator/runtime/_framings/cumulative.py by `python -m generator build`: do not edit by hand.
# A copy of the generator's runtime: edit its source, then regenerate.
"""Answers whose every document carries the whole text so far: only what extends it is new.

Some servers send the answer again and again, longer each time (gpt4free's 2023 OpenaiChat,
Theb, Perplexity); a spec says so with ``cumulative``, and a framing's reader is wrapped in
:class:`CumulativeReader`, which passes on what each text adds to the one before it.
"""

from __future__ import annotations

from typing import Literal

from .._exceptions import ProtocolError
from .._stream import StreamItem
from .base import Origin, Reader

__all__ = ["Cumulative", "CumulativeReader", "cumulative"]

Cumulative = Literal["restart", "skip", "error"]
"""What a text that does not extend the one before means: the answer starts over (the text
is passed on whole), the text is passed over (a correction the caller has no use for), or the
stream is not what the spec describes (a ``ProtocolError``)."""


def cumulative(mode: Cumulative | None, reader: Reader, origin: Origin) -> Reader:
    """``reader``, wrapped in a :class:`CumulativeReader` when ``mode`` says the answer is
    cumulative; itself otherwise."""
    return reader if mode is None else CumulativeReader(reader, mode, origin)


class CumulativeReader:
    """A reader whose texts each hold the answer so far, made to pass on only what is new."""

    __slots__ = ("_mode", "_origin", "_reader", "_so_far")

    def __init__(self, reader: Reader, mode: Cumulative, origin: Origin) -> None:
        self._reader = reader
        self._mode = mode
        self._origin = origin
        self._so_far = ""

    def feed(self, chunk: bytes, items: list[StreamItem]) -> bool:
        """What ``chunk`` completes, each text cut to what it adds."""
        read: list[StreamItem] = []
        try:
            return self._reader.feed(chunk, read)
        finally:  # what came before an error is the caller's
            self._new(read, items)

    def end(self, items: list[StreamItem]) -> None:
        """The body ended: what its last bytes complete, cut to what is new."""
        read: list[StreamItem] = []
        try:
            self._reader.end(read)
        finally:
            self._new(read, items)

    def _new(self, read: list[StreamItem], items: list[StreamItem]) -> None:
        # Once per document on the hot path: locals, and the length of the text so far kept.
        so_far = self._so_far
        known = len(so_far)
        append = items.append
        for item in read:
            if type(item) is not str:
                append(item)
                continue
            if item.startswith(so_far):
                if len(item) > known:
                    append(item[known:])
            elif self._mode == "restart":
                append(item)
            elif self._mode == "skip":
                continue
            else:
                raise ProtocolError(
                    "a text of the cumulative answer does not extend the text before it",
                    provider=self._origin.provider,
                    endpoint=self._origin.endpoint,
                )
            so_far, known = item, len(item)
        self._so_far = so_far
