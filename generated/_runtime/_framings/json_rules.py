# Generated from generator/runtime/_framings/json_rules.py by `python -m generator build`: do not edit by hand.
# A copy of the generator's runtime: edit its source, then regenerate.
"""What to take from each JSON document of a stream: shared by the framings that carry JSON.

A spec's :class:`DocumentRules` hold one generated function that walks all of its JSONPaths at
once, adding the text and typed events a document carries, and, where the paths allow one, the
document's :class:`Shape` and the walk over it.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import msgspec

from .._exceptions import MalformedEventError, ServerReportedError
from .._stream import StreamItem
from .base import Origin
from .cumulative import Cumulative
from .lines import decoded

__all__ = [
    "UNSET",
    "DocumentRules",
    "DocumentWalk",
    "NodeSelector",
    "Shape",
    "ShapeWalk",
    "UnsetType",
    "decode_json",
    "json_equals",
    "json_one_of",
    "json_text",
    "loads_leniently",
    "member",
    "parse_json",
    "reported",
]

NodeSelector = Callable[[object], list[object]]
"""A JSONPath that does not compile to lookups, evaluated by jsonpath-ng: document in, the
selected values out, in document order."""


DocumentWalk = Callable[[object, list[StreamItem]], tuple[object, bool]]
"""Every JSONPath of a spec compiled into one function. It returns the error message a
document holds, adding nothing then; else it adds what the document carries to the list
(reasoning, text, tool calls, usage, then the finish) and returns None and whether the document
completes the answer."""


ShapeWalk = Callable[[Any, list[StreamItem]], tuple[object, bool]]
"""A :data:`DocumentWalk` over a document decoded into a spec's :class:`Shape`."""


class Shape(msgspec.Struct, gc=False):
    """What a spec's paths read of a document, as msgspec classes: the base of the
    classes a generated module declares.

    msgspec decodes a document into them without building what no path reads, which is most
    of an LLM's chunk (ids, model names, timestamps). A member the document lacks keeps its
    default: MISSING for a value, UNSET for a member that holds more members. Decoded JSON
    holds no reference cycle, so the garbage collector need not track them.
    """


@dataclass(frozen=True, slots=True)
class DocumentRules:
    """What each JSON document of a stream carries: text and typed events, an error, the end."""

    walk: DocumentWalk
    has_stop: bool = False
    cumulative: Cumulative | None = None
    """Whether each document's text is the whole answer so far (see ``cumulative``)."""
    shape: type[Shape] | None = None
    """The class a document is decoded into first, when the spec's paths allow one."""
    shape_walk: ShapeWalk | None = None
    """``walk``, over a document decoded into ``shape``."""
    _shaped: tuple[Callable[[bytes], object], ShapeWalk] | None = field(
        init=False, repr=False, compare=False, default=None
    )
    """The decoder into ``shape`` and the walk over it, when the spec has a shape."""

    def __post_init__(self) -> None:
        if self.shape is not None and self.shape_walk is not None:
            decoder = msgspec.json.Decoder(self.shape)
            object.__setattr__(self, "_shaped", (decoder.decode, self.shape_walk))

    def error_in(self, document: object) -> object | None:
        """The error message ``document`` carries, or None."""
        return self.walk(document, [])[0]

    def read(self, document: object, items: list[StreamItem], origin: Origin) -> bool:
        """Add what ``document`` carries to ``items``; return whether the answer is complete."""
        return _outcome(self.walk, document, items, origin)

    def read_data(self, data: bytes, items: list[StreamItem], origin: Origin) -> bool:
        """The document decoded into its shape, if it fits one, else as any JSON.

        A document fits when it is valid JSON whose members on the spec's paths have the types
        the shape gives them; the walk over it then finds what the walk over the whole
        document would. Anything else is decoded whole, as :func:`decode_json` decodes it.
        """
        # The hot path, once per event: no call that is not needed.
        shaped = self._shaped
        if shaped is not None and (len(data) <= _SAFE_LENGTH or not _LONG_INTEGER.search(data)):
            try:
                document = shaped[0](data)
            except (ValueError, RecursionError):
                pass
            else:
                message, complete = shaped[1](document, items)
                if message is None:
                    return complete
                raise reported(message, origin)
        return _outcome(self.walk, decode_json(data, origin), items, origin)

    def final(self, data: bytes, items: list[StreamItem]) -> None:
        """A stop event's data is read when it is JSON (usage, say), and ignored when it is not;
        an error it reports adds nothing and is not raised: the answer is complete."""
        document = loads_leniently(decoded(data))
        if document is not None:
            self.walk(document, items)


def _outcome(walk: ShapeWalk, document: object, items: list[StreamItem], origin: Origin) -> bool:
    message, complete = walk(document, items)
    if message is not None:
        raise reported(message, origin)
    return complete


_LONGEST_INTEGER = sys.get_int_max_str_digits()
"""The most digits the standard library reads in an integer (0: no limit); JSON with a longer
one is an error to it, even in a member no path reads, which msgspec skips unread."""
_LONG_INTEGER = re.compile(b"[0-9]{%d}" % (_LONGEST_INTEGER + 1))
_SAFE_LENGTH = _LONGEST_INTEGER or sys.maxsize
"""Data no longer than this cannot hold an integer longer than the standard library reads."""


def json_text(value: object) -> str:
    """A value that is not a string, as JSON text: how a spec may ask for it to be text."""
    return json.dumps(value, ensure_ascii=False)


def json_equals(value: object, expected: object) -> bool:
    """JSON equality: true is not 1, and 1 is not "1"."""
    return type(value) is type(expected) and value == expected


def json_one_of(value: object, choices: tuple[object, ...]) -> bool:
    """Whether ``value`` is one of ``choices``, by JSON equality."""
    return any(type(value) is type(choice) and value == choice for choice in choices)


def reported(message: object, origin: Origin) -> ServerReportedError:
    """The error for a message the server sent in the stream (as JSON text if not a string)."""
    text = message if isinstance(message, str) else json.dumps(message, ensure_ascii=False)
    return ServerReportedError(
        origin.redact(text), provider=origin.provider, endpoint=origin.endpoint
    )


UNSET = msgspec.UNSET
UnsetType = msgspec.UnsetType
member = msgspec.field
"""A member of a :class:`Shape` whose name in the document is not a plain identifier."""

_decode = msgspec.json.Decoder().decode


def decode_json(data: bytes, origin: Origin) -> object:
    """``data`` (UTF-8) as JSON, or a MalformedEventError quoting it.

    msgspec decodes exactly what the standard library does (big integers stay integers, floats
    round the same way), several times faster; whatever it refuses (invalid UTF-8, a lone
    surrogate, NaN, a number out of range, deep nesting, invalid JSON) goes to the standard
    library, which gives the value or the error it always gave.
    """
    try:
        return _decode(data)
    except (ValueError, RecursionError):  # msgspec.DecodeError and UnicodeDecodeError included
        return parse_json(decoded(data), origin)


def parse_json(text: str, origin: Origin) -> object:
    """``text`` as JSON, or a MalformedEventError quoting it."""
    try:
        return json.loads(text)
    except ValueError as error:
        reason = f"invalid JSON ({error.args[0]})"
    except RecursionError:
        reason = "JSON nested too deeply"
    raise MalformedEventError(
        reason, origin.redact(text), provider=origin.provider, endpoint=origin.endpoint
    )


def loads_leniently(text: str) -> object | None:
    """``text`` as JSON, or None when it is not JSON (or nested too deeply to read)."""
    try:
        document: object = json.loads(text)
    except (ValueError, RecursionError):
        return None
    return document
