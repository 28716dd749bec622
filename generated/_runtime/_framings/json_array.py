# Generated from generator/runtime/_framings/json_array.py by `python -m generator build`: do not edit by hand.
# A copy of the generator's runtime: edit its source, then regenerate.
"""One JSON array, streamed: ``[{...}`` then ``,{...}`` and so on, then ``]``.

Gemini's ``streamGenerateContent`` without ``alt=sse`` answers this way, in pieces cut anywhere.
Each element is read as soon as its last character arrives; the array's closing ``]`` ends the
answer, and a body that ends before it is truncated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from .._constants import DEFAULT_MAX_EVENT_SIZE
from .._exceptions import MalformedEventError
from .._stream import StreamItem
from .base import Origin, Reader, Silence, incomplete, too_large
from .cumulative import cumulative
from .json_rules import DocumentRules, parse_json
from .lines import OversizeError, utf8_decoder

__all__ = ["JSONArrayDecoder", "JSONArrayError", "JSONArrayFraming", "JSONArrayReader"]

_BLANK = " \t\r\n"
_IN_CONTAINER = re.compile(r'["{}\[\]]')
_IN_STRING = re.compile(r'["\\]')
_SCALAR_END = re.compile(r"[,\]\s]")

State = Literal["start", "first", "next", "separator", "element", "end"]


class JSONArrayError(ValueError):
    """The body is not one JSON array of elements; ``near`` quotes where it went wrong."""

    def __init__(self, reason: str, near: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.near = near


class JSONArrayDecoder:
    """Bytes in, as they arrive and split anywhere; the text of each complete element out.

    Elements are not parsed here, only delimited: strings (with their escapes) and nesting are
    followed just far enough to find where each element ends.
    """

    def __init__(self, max_size: int = DEFAULT_MAX_EVENT_SIZE) -> None:
        self._decoder = utf8_decoder()
        self._max_size = max_size
        self._state: State = "start"
        self._element: list[str] = []
        self._size = 0
        self._depth = 0
        self._in_string = False
        self._escaped = False
        self._scalar = False

    @property
    def complete(self) -> bool:
        """Whether the array's closing ``]`` has arrived."""
        return self._state == "end"

    def feed(self, chunk: bytes) -> list[str]:
        """Decode one read; return the elements it completed."""
        return self._scan(self._decoder.decode(chunk))

    def close(self) -> list[str]:
        """End of body: what its last bytes complete. An element cut off is not one."""
        return self._scan(self._decoder.decode(b"", True))

    def _scan(self, text: str) -> list[str]:
        elements: list[str] = []
        position = 0
        while position < len(text):
            if self._state == "element":
                position = self._in_element(text, position, elements)
                continue
            char = text[position]
            position += 1
            if char in _BLANK:
                continue
            if self._between(char, text, position):
                self._keep(char)
        return elements

    def _between(self, char: str, text: str, position: int) -> bool:
        """A character outside any element: ``[``, ``,``, ``]``, or an element's first.

        Returns whether it begins an element.
        """
        state = self._state
        if state == "start":
            if char != "[":
                raise JSONArrayError("the body is not a JSON array", text[position - 1 :])
            self._state = "first"
        elif state == "end":
            raise JSONArrayError("text after the end of the array", text[position - 1 :])
        elif state == "separator":
            if char not in ",]":
                raise JSONArrayError("expected ',' or ']' after an element", text[position - 1 :])
            self._state = "next" if char == "," else "end"
        elif char == "]" and state == "first":
            self._state = "end"
        elif char in ",]":
            raise JSONArrayError("expected an element", text[position - 1 :])
        else:
            self._state = "element"
            self._depth = 1 if char in "{[" else 0
            self._in_string = char == '"'
            self._scalar = char not in '{["'
            return True
        return False

    def _in_element(self, text: str, position: int, elements: list[str]) -> int:
        """Follow the element from ``position``; return where scanning goes on."""
        while position < len(text):
            if self._scalar:
                end = _SCALAR_END.search(text, position)
                stop = len(text) if end is None else end.start()
                self._keep(text[position:stop])
                if end is None:
                    return stop
                elements.append(self._finish_element())
                self._state = "separator"
                return stop
            pattern = _IN_STRING if self._in_string else _IN_CONTAINER
            if self._escaped:
                self._escaped = False
                self._keep(text[position])
                position += 1
                continue
            found = pattern.search(text, position)
            if found is None:
                self._keep(text[position:])
                return len(text)
            char = found.group()
            self._keep(text[position : found.end()])
            position = found.end()
            if self._in_string:
                if char == "\\":
                    self._escaped = True
                else:
                    self._in_string = False
            elif char == '"':
                self._in_string = True
            else:
                self._depth += 1 if char in "{[" else -1
            if self._depth == 0 and not self._in_string:
                elements.append(self._finish_element())
                self._state = "separator"
                return position
        return position

    def _keep(self, text: str) -> None:
        self._element.append(text)
        self._size += len(text)
        if self._size > self._max_size:
            raise OversizeError(self._max_size)

    def _finish_element(self) -> str:
        element = "".join(self._element)
        self._element.clear()
        self._size = 0
        return element


@dataclass(frozen=True, slots=True)
class JSONArrayFraming:
    """The body is one JSON array; each element is a JSON document of the stream."""

    rules: DocumentRules
    content_types: tuple[str, ...] = ("application/json",)
    max_event_size: int = DEFAULT_MAX_EVENT_SIZE

    def reader(self, origin: Origin) -> Reader:
        """A reader for one response."""
        return cumulative(self.rules.cumulative, JSONArrayReader(self, origin), origin)


class JSONArrayReader:
    """One response's elements, read by :class:`JSONArrayFraming`'s rules."""

    __slots__ = ("_decoder", "_origin", "_rules", "_silence")

    def __init__(self, framing: JSONArrayFraming, origin: Origin) -> None:
        self._rules = framing.rules
        self._origin = origin
        self._decoder = JSONArrayDecoder(framing.max_event_size)
        self._silence = Silence(framing.max_event_size)

    def feed(self, chunk: bytes, items: list[StreamItem]) -> bool:
        """Add what the elements ``chunk`` completes carry to ``items``; True once the answer
        is complete (the rest of the body is not read).
        """
        elements = self._elements(chunk)
        self._silence.after(len(chunk), len(elements), self._origin)
        return self._read(elements, items)

    def end(self, items: list[StreamItem]) -> None:
        """The body ended: read what its last bytes complete, then check the array closed."""
        if self._read(self._elements(None), items):
            return
        if not self._decoder.complete:
            raise incomplete(
                "the stream ended before the array closed: answer truncated", self._origin
            )

    def _read(self, elements: list[str], items: list[StreamItem]) -> bool:
        for element in elements:
            if self._rules.read(parse_json(element, self._origin), items, self._origin):
                return True
        return False

    def _elements(self, chunk: bytes | None) -> list[str]:
        """The elements ``chunk`` completes (None: the end of the body), errors translated."""
        origin = self._origin
        try:
            return self._decoder.close() if chunk is None else self._decoder.feed(chunk)
        except OversizeError as error:
            raise too_large(error, origin) from None
        except JSONArrayError as error:
            raise MalformedEventError(
                error.reason, error.near, provider=origin.provider, endpoint=origin.endpoint
            ) from None
