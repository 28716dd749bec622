"""What to take from each JSON document of a stream: shared by the framings that carry JSON.

Two sets of rules implement :class:`Rules`: :class:`JSONRules`, for version 1 specs (one text
delta per document, the first match of each path), and :class:`EventRules`, for version 2
(every match of each path, and typed events besides the text).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from .._events import Finish, ReasoningDelta, ToolCallDelta, Usage
from .._exceptions import MalformedEventError, ServerReportedError
from .._stream import StreamItem
from .base import MISSING, Origin, Selector

__all__ = [
    "EventRules",
    "JSONRules",
    "NodeSelector",
    "Rules",
    "loads_leniently",
    "parse_json",
    "reported",
]

NodeSelector = Callable[[object], list[object]]
"""A compiled JSONPath, version 2: document in, every selected value out, in document order."""


class Rules(Protocol):
    """How each JSON document of a stream is read."""

    @property
    def has_stop(self) -> bool:
        """Whether a document can say that the answer is complete."""
        ...

    def read(self, text: str, origin: Origin) -> tuple[list[StreamItem], bool]:
        """Parse one document: what it carries, and whether the answer is complete."""
        ...

    def final(self, text: str, origin: Origin) -> list[StreamItem]:
        """What the data of a stop event carries, if anything."""
        ...

    def error_in(self, document: object) -> object | None:
        """The error message ``document`` carries, or None."""
        ...


@dataclass(frozen=True, slots=True)
class JSONRules:
    """Version 1: one text delta a document, at the first match of the delta path."""

    delta: Selector
    convert_non_string: bool = False
    stop_path: Selector | None = None
    stop_equals: object = True
    error_message: Selector | None = None

    @property
    def has_stop(self) -> bool:
        return self.stop_path is not None

    def text(self, document: object) -> str | None:
        """The text delta in ``document``, if any (empty text counts as none)."""
        value = self.delta(document)
        if type(value) is str:
            return value or None
        if not self.convert_non_string or value is None or value is MISSING:
            return None
        return json.dumps(value, ensure_ascii=False)

    def is_stop(self, document: object) -> bool:
        """Whether ``document`` meets the spec's JSONPath stop condition."""
        if self.stop_path is None:
            return False
        return _equals(self.stop_path(document), self.stop_equals)

    def error_in(self, document: object) -> object | None:
        if self.error_message is None:
            return None
        message = self.error_message(document)
        return None if message is MISSING else message

    def read(self, text: str, origin: Origin) -> tuple[list[StreamItem], bool]:
        document = parse_json(text, origin)
        message = self.error_in(document)
        if message is not None:
            raise reported(message, origin)
        delta = self.text(document)
        return [delta] if delta else [], self.is_stop(document)

    def final(self, text: str, origin: Origin) -> list[StreamItem]:
        return []


@dataclass(frozen=True, slots=True)
class EventRules:
    """Version 2: every match of every path, as text and typed events."""

    text: NodeSelector | None = None
    reasoning: NodeSelector | None = None
    tool_calls: NodeSelector | None = None
    input_tokens: NodeSelector | None = None
    output_tokens: NodeSelector | None = None
    finish_reason: NodeSelector | None = None
    convert_non_string: bool = False
    stop_path: NodeSelector | None = None
    stop_equals: object = True
    error_messages: tuple[NodeSelector, ...] = ()

    @property
    def has_stop(self) -> bool:
        return self.stop_path is not None

    def error_in(self, document: object) -> object | None:
        for selector in self.error_messages:
            for message in selector(document):
                if message is not None:
                    return message
        return None

    def read(self, text: str, origin: Origin) -> tuple[list[StreamItem], bool]:
        document = parse_json(text, origin)
        message = self.error_in(document)
        if message is not None:
            raise reported(message, origin)
        stop = self.stop_path is not None and any(
            _equals(value, self.stop_equals) for value in self.stop_path(document)
        )
        return self.items(document), stop

    def final(self, text: str, origin: Origin) -> list[StreamItem]:
        """A stop event's data is read when it is JSON (usage, say), and ignored when it is not."""
        document = loads_leniently(text)
        return [] if document is None else self.items(document)

    def items(self, document: object) -> list[StreamItem]:
        """What ``document`` carries: reasoning, text, tool calls, usage, then the finish."""
        items: list[StreamItem] = []
        if self.reasoning is not None:
            items.extend(ReasoningDelta(text) for text in self._texts(self.reasoning, document))
        if self.text is not None:
            items.extend(self._texts(self.text, document))
        if self.tool_calls is not None:
            # Like empty text, null and an empty list or object carry no tool call.
            calls = self.tool_calls(document)
            items.extend(ToolCallDelta(call) for call in calls if call not in (None, [], {}))
        usage = Usage(_count(self.input_tokens, document), _count(self.output_tokens, document))
        if usage != Usage():
            items.append(usage)
        if self.finish_reason is not None:
            reasons = [r for r in self.finish_reason(document) if isinstance(r, str) and r]
            if reasons:
                items.append(Finish(reasons[0]))
        return items

    def _texts(self, selector: NodeSelector, document: object) -> list[str]:
        texts = []
        for value in selector(document):
            if type(value) is str:
                if value:
                    texts.append(value)
            elif self.convert_non_string and value is not None:
                texts.append(json.dumps(value, ensure_ascii=False))
        return texts


def _count(selector: NodeSelector | None, document: object) -> int | None:
    """The first whole number ``selector`` finds in ``document``."""
    if selector is None:
        return None
    for value in selector(document):
        if type(value) is int:
            return value
    return None


def _equals(value: object, expected: object) -> bool:
    # JSON equality: true is not 1, and 1 is not "1".
    return type(value) is type(expected) and value == expected


def reported(message: object, origin: Origin) -> ServerReportedError:
    """The error for a message the server sent in the stream (as JSON text if not a string)."""
    text = message if isinstance(message, str) else json.dumps(message, ensure_ascii=False)
    return ServerReportedError(
        origin.redact(text), provider=origin.provider, endpoint=origin.endpoint
    )


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
