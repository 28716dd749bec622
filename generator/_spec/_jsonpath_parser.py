"""Compile RFC 9535 JSONPath queries to lookup steps at build time.

A *singular query* (RFC 9535, section 2.3.5.1) is ``$`` followed by child segments that each hold
exactly one name or index selector, such as ``$.choices[0].delta['content']``. It becomes a tuple
of :class:`Name` and :class:`Index` steps, which generated code turns into direct lookups. With
``loops``, wildcard selectors (``[*]``, ``.*``) compile too, as
:class:`Wildcard` steps that generated code turns into loops.

Any other query (slices, filters, descendant segments, unions) is left to jsonpath-ng at run
time, so it is accepted only if ``jsonpath_ng.ext.parse`` accepts it. The parser reads left to
right and hands the whole text to jsonpath-ng at the first construct it does not compile; any
other fault is a :class:`JSONPathError` at its position.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from .._model import CompiledPath, Index, Name, Step, Wildcard

__all__ = ["JSONPathError", "compile_path"]

_BLANK = frozenset(" \t\n\r")
_DIGITS = frozenset("0123456789")
_HEX_DIGITS = frozenset("0123456789abcdefABCDEF")
_ESCAPES = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "/": "/", "\\": "\\"}
_MAX_INDEX = 2**53 - 1
_HIGH_SURROGATES = range(0xD800, 0xDC00)
_LOW_SURROGATES = range(0xDC00, 0xE000)
_SURROGATES = range(0xD800, 0xE000)
_NG_POSITION = re.compile(r"line (\d+), col (\d+)|at (\d+):(\d+)")


class JSONPathError(ValueError):
    """A JSONPath expression that cannot be used, with the 0-based offset of the fault."""

    def __init__(self, message: str, position: int) -> None:
        super().__init__(message, position)
        self.message = message
        self.position = position

    def __str__(self) -> str:
        return f"{self.message} (at position {self.position})"


class _NotSingular(Exception):
    """Raised on the first construct that only non-singular queries use."""


def compile_path(text: str, *, loops: bool = False, every_match: bool = True) -> CompiledPath:
    """Parse ``text``: a query that compiles gets its steps; any other is checked by jsonpath-ng.

    With ``loops``, wildcards compile; without, a query with one is left to jsonpath-ng. Without
    ``every_match``, only the first match of a query left to jsonpath-ng counts.

    Raises :class:`JSONPathError` for an invalid singular-looking query, with the position of the
    fault, and for a non-singular query that jsonpath-ng cannot parse.
    """
    try:
        steps = _Parser(text, loops).parse_query()
    except _NotSingular:
        _check_with_jsonpath_ng(text)
        return CompiledPath(text, None, first_match_only=not every_match)
    return CompiledPath(text, steps)


@cache  # jsonpath-ng builds a new parser for every query it parses: about 3 ms each
def _check_with_jsonpath_ng(text: str) -> None:
    """Raise :class:`JSONPathError` unless jsonpath-ng can parse ``text``."""
    # Imported here, as most specs never need it: importing it takes longer than a spec's build.
    from jsonpath_ng.exceptions import JSONPathError as JsonPathNgError
    from jsonpath_ng.ext.parser import parse  # = jsonpath_ng.ext.parse

    try:
        parse(text)
    except JsonPathNgError as error:
        message = f"not a singular query, and jsonpath-ng cannot parse it: {error}"
        raise JSONPathError(message, _jsonpath_ng_position(text, str(error))) from error


def _jsonpath_ng_position(text: str, message: str) -> int:
    """Turn the line and column in a jsonpath-ng error message into an offset (0 if absent)."""
    if "end of string" in message:
        return len(text)
    match = _NG_POSITION.search(message)
    if match is None:
        return 0
    line, column = (int(group) for group in match.groups() if group is not None)
    newlines = [offset for offset, char in enumerate(text) if char == "\n"]
    line_start = newlines[line - 2] if 1 < line <= len(newlines) + 1 else 0
    return min(line_start + column, len(text))


def _is_name_first(char: str) -> bool:
    """Whether ``char`` may start a member-name shorthand (``''`` may not)."""
    if char.isascii():
        return char.isalpha() or char == "_"
    return ord(char) not in _SURROGATES


def _is_name_char(char: str) -> bool:
    """Whether ``char`` may continue a member-name shorthand."""
    return _is_name_first(char) or char in _DIGITS


class _Parser:
    """Reads one singular query left to right; ``pos`` is the offset of the next character."""

    def __init__(self, text: str, loops: bool) -> None:
        self.text = text
        self.loops = loops
        self.pos = 0

    def peek(self, ahead: int = 0) -> str:
        """The character ``ahead`` places after the cursor, or ``''`` past the end."""
        return self.text[self.pos + ahead : self.pos + ahead + 1]

    def read_while(self, accept: Callable[[str], bool]) -> str:
        """Consume and return the longest run of characters that ``accept`` accepts."""
        start = self.pos
        while self.pos < len(self.text) and accept(self.text[self.pos]):
            self.pos += 1
        return self.text[start : self.pos]

    def parse_query(self) -> tuple[Step, ...]:
        """query = "$" *(S segment), with no whitespace around it."""
        if self.peek() in _BLANK:
            raise JSONPathError("whitespace is not allowed before '$'", 0)
        if self.peek() != "$":
            raise JSONPathError("a query must start with '$'", 0)
        self.pos = 1
        steps: list[Step] = []
        while True:
            gap = self.pos
            self.read_while(_BLANK.__contains__)
            if self.pos == len(self.text):
                if self.pos > gap:
                    raise JSONPathError("whitespace is not allowed after the query", gap)
                return tuple(steps)
            steps.append(self.parse_segment())

    def parse_segment(self) -> Step:
        """A child segment: ``.name`` or ``[selector]``."""
        char = self.peek()
        if char == ".":
            return self.parse_shorthand()
        if char == "[":
            return self.parse_bracketed()
        raise JSONPathError(f"expected '.' or '[' but found {char!r}", self.pos)

    def parse_shorthand(self) -> Name | Wildcard:
        """``.`` member-name-shorthand, or ``.*``; ``..`` is not compiled."""
        self.pos += 1
        char = self.peek()
        if char == "*" and self.loops:
            self.pos += 1
            return Wildcard()
        if char in {".", "*"}:
            raise _NotSingular
        if _is_name_first(char):
            return Name(self.read_while(_is_name_char))
        if char in _BLANK:
            raise JSONPathError("whitespace is not allowed after '.'", self.pos)
        if char in _DIGITS:
            raise JSONPathError("a member name must not start with a digit", self.pos)
        raise JSONPathError("'.' must be followed by a member name", self.pos)

    def parse_bracketed(self) -> Step:
        """``[`` S selector S ``]`` with one name or index selector."""
        self.pos += 1
        self.read_while(_BLANK.__contains__)
        step = self.parse_selector()
        self.read_while(_BLANK.__contains__)
        char = self.peek()
        if char == "," or (char == ":" and isinstance(step, Index)):
            raise _NotSingular
        if char != "]":
            found = f"found {char!r}" if char else "the query ended"
            raise JSONPathError(f"expected ']' but {found}", self.pos)
        self.pos += 1
        return step

    def parse_selector(self) -> Step:
        """A name, index or (with ``loops``) wildcard selector; slices and filters are not."""
        char = self.peek()
        if char == "*" and self.loops:
            self.pos += 1
            return Wildcard()
        if char in {"*", ":", "?"}:
            raise _NotSingular
        if char in {"'", '"'}:
            return Name(self.parse_string())
        if char == "-" or char in _DIGITS:
            return Index(self.parse_index())
        if not char:
            raise JSONPathError("expected a selector but the query ended", self.pos)
        raise JSONPathError(f"expected a selector but found {char!r}", self.pos)

    def parse_index(self) -> int:
        """int = "0" / ["-"] DIGIT1 *DIGIT, within the I-JSON range."""
        start = self.pos
        if self.peek() == "-":
            self.pos += 1
        digits = self.read_while(_DIGITS.__contains__)
        if not digits:
            raise JSONPathError("'-' must be followed by a digit", self.pos)
        if len(digits) > 1 and digits[0] == "0":
            raise JSONPathError("leading zeros are not allowed in an index", start)
        if self.text[start : self.pos] == "-0":
            raise JSONPathError("-0 is not a valid index", start)
        if len(digits) > len(str(_MAX_INDEX)) or int(digits) > _MAX_INDEX:
            raise JSONPathError("index out of range (I-JSON): |index| must be < 2**53", start)
        return int(self.text[start : self.pos])

    def parse_string(self) -> str:
        """A single- or double-quoted string literal with RFC 9535 escapes."""
        start = self.pos
        quote = self.peek()
        self.pos += 1
        chars: list[str] = []
        while (char := self.peek()) != quote:
            if not char or (char == "\\" and not self.peek(1)):
                raise JSONPathError("unterminated string", start)
            chars.append(self.parse_escape(quote) if char == "\\" else self.parse_unescaped())
        self.pos += 1
        return "".join(chars)

    def parse_unescaped(self) -> str:
        """One character that may appear in a string literal as it is."""
        char = self.peek()
        if ord(char) < 0x20:
            message = f"control character U+{ord(char):04X} must be escaped in a string"
            raise JSONPathError(message, self.pos)
        if ord(char) in _SURROGATES:
            raise JSONPathError(f"lone surrogate U+{ord(char):04X} in a string", self.pos)
        self.pos += 1
        return char

    def parse_escape(self, quote: str) -> str:
        """A backslash escape; only the enclosing quote may be escaped, not the other one."""
        char = self.peek(1)
        if char == "u":
            return self.parse_unicode_escape()
        if char != quote and char not in _ESCAPES:
            raise JSONPathError(f"invalid escape: {char!r} cannot follow a backslash", self.pos)
        self.pos += 2
        return _ESCAPES.get(char, char)

    def parse_unicode_escape(self) -> str:
        """``\\uXXXX``, where a high surrogate must be followed by a low surrogate escape."""
        start = self.pos
        unit = self.read_code_unit()
        if unit in _LOW_SURROGATES:
            raise JSONPathError("a low surrogate escape must follow a high surrogate", start)
        if unit not in _HIGH_SURROGATES:
            return chr(unit)
        low_start = self.pos
        if self.text.startswith("\\u", low_start):
            low = self.read_code_unit()
            if low in _LOW_SURROGATES:
                return chr(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
        message = "a high surrogate escape must be followed by a low surrogate escape"
        raise JSONPathError(message, low_start)

    def read_code_unit(self) -> int:
        """Consume ``\\uXXXX`` at the cursor and return the UTF-16 code unit."""
        for ahead in range(2, 6):
            if self.peek(ahead) not in _HEX_DIGITS:
                raise JSONPathError("'\\u' must be followed by four hex digits", self.pos + ahead)
        self.pos += 6
        return int(self.text[self.pos - 4 : self.pos], 16)
