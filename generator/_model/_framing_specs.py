"""Framings as the model holds them: one class per framing, its settings as plain values.

Each class names the runtime class that implements its framing (``generator/runtime/_framings``)
and gives the arguments that class is built with, as values (``runtime_arguments``); the emitter
writes them as Python, and compiles the rules for JSON documents into one walk.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import ClassVar, Literal

from ._jsonpaths import CompiledPath

__all__ = [
    "DocumentPaths",
    "EventStreamSpec",
    "FramingSpec",
    "JSONArraySpec",
    "JSONDocumentsSpec",
    "JSONSpec",
    "NDJSONSpec",
    "SSESpec",
    "TextMarkers",
    "TextSpec",
    "WebSocketSpec",
]

RuntimeArguments = list[tuple[str, object]]
"""Keyword arguments of a runtime class, as values: text, numbers, tuples, frozensets, and the
:class:`DocumentPaths` and :class:`TextMarkers` the emitter builds."""


@dataclass(frozen=True)
class DocumentPaths:
    """What is taken from each JSON document of the answer: a JSONPath by role.

    Roles: ``delta`` (text), ``reasoning``, ``tool_calls``, ``finish_reason``,
    ``input_tokens``, ``output_tokens``, ``stop`` (compared with ``stop_equals``), ``filter``
    (whose value must be one of ``filter_values`` for the document's text to count),
    ``error``, ``error_2``, ... in the order they are tried, and ``when`` (whose value must be
    one of ``error_when`` for their message to be an error).
    """

    paths: dict[str, CompiledPath]
    convert_non_string: bool
    """A delta that is a number, object, ...: converted to its JSON text (else skipped)."""
    stop_equals: str | int | float | bool | None
    filter_values: tuple[str | int | float | bool | None, ...] = ()
    error_when: tuple[str | int | float | bool | None, ...] = ()
    """The values ``when`` (a role) may have for an error path's message to be one."""
    cumulative: Literal["restart", "skip", "error"] | None = None
    """Whether each document's text is the whole answer so far (only what extends it is new),
    and what a text that does not extend it means: the answer starts over, it is passed over,
    or an error."""

    @property
    def has_stop(self) -> bool:
        """Whether a document can say that the answer is complete."""
        return "stop" in self.paths


@dataclass(frozen=True)
class TextMarkers:
    """What a text answer carries besides its text: events to pass over (they start with one
    of ``skip``; SSE), texts that mean an error (``errors``), and a notice that stands before
    the answer (``cut_before``: what precedes it, and it, are dropped; text)."""

    skip: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()
    cut_before: str | None = None


@dataclass(frozen=True)
class FramingSpec(ABC):
    """How the answer's body becomes text deltas: a subclass per framing."""

    name: ClassVar[str]
    """The value of ``response.framing`` that selects this framing."""
    runtime_class: ClassVar[str]
    """The class the runtime implements this framing with."""
    runtime_module: ClassVar[str] = "_framings"
    """The runtime module that holds it: the ``_framings`` package (in every package), or a
    module of its own that only packages with such a spec carry."""

    content_types: tuple[str, ...]

    @abstractmethod
    def runtime_arguments(self) -> RuntimeArguments:
        """The arguments the runtime class is built with, those left at its defaults aside."""

    def paths(self) -> dict[str, CompiledPath]:
        """The JSONPaths this framing evaluates, by role."""
        return {}


@dataclass(frozen=True)
class SSESpec(FramingSpec):
    """Server-sent events whose data is JSON; the answer stops at a sentinel or an event type."""

    name: ClassVar[str] = "sse"
    runtime_class: ClassVar[str] = "SSEFraming"

    rules: DocumentPaths | None
    """How each event's JSON data is read; None when the data is the text itself."""
    markers: TextMarkers | None
    """What events of text data carry besides the text."""
    delta_events: tuple[str, ...] | None
    """The event types deltas are taken from; None: every type."""
    stop_data: str | None
    stop_events: tuple[str, ...]
    read_stop_events: bool
    """Whether a stop event's data is read for its events (usage, say)."""
    error_events: tuple[str, ...]
    error_field: str | None
    max_event_size: int | None

    def runtime_arguments(self) -> RuntimeArguments:
        arguments: RuntimeArguments = [("rules", self.rules)] if self.rules else []
        if self.markers is not None:
            arguments.append(("markers", self.markers))
        if self.delta_events is not None:
            arguments.append(("delta_events", frozenset(self.delta_events)))
        if self.stop_data is not None:
            arguments.append(("stop_data", self.stop_data))
        if self.stop_events:
            arguments.append(("stop_events", frozenset(self.stop_events)))
            if not self.read_stop_events:
                arguments.append(("read_stop_events", False))
        if self.error_events:
            arguments.append(("error_events", frozenset(self.error_events)))
        if self.error_field is not None:
            arguments.append(("error_field", self.error_field))
        arguments.append(("content_types", self.content_types))
        if self.max_event_size is not None:
            arguments.append(("max_event_size", self.max_event_size))
        return arguments

    def paths(self) -> dict[str, CompiledPath]:
        return {} if self.rules is None else self.rules.paths


@dataclass(frozen=True)
class JSONDocumentsSpec(FramingSpec):
    """A body that is a sequence of JSON documents (lines, array elements)."""

    rules: DocumentPaths
    max_event_size: int | None

    def runtime_arguments(self) -> RuntimeArguments:
        arguments: RuntimeArguments = [("rules", self.rules), ("content_types", self.content_types)]
        if self.max_event_size is not None:
            arguments.append(("max_event_size", self.max_event_size))
        return arguments

    def paths(self) -> dict[str, CompiledPath]:
        return self.rules.paths


@dataclass(frozen=True)
class NDJSONSpec(JSONDocumentsSpec):
    """One JSON document per line."""

    name: ClassVar[str] = "ndjson"
    runtime_class: ClassVar[str] = "NDJSONFraming"


@dataclass(frozen=True)
class JSONArraySpec(JSONDocumentsSpec):
    """One JSON array, streamed element by element; the closing ``]`` ends the answer."""

    name: ClassVar[str] = "json_array"
    runtime_class: ClassVar[str] = "JSONArrayFraming"


@dataclass(frozen=True)
class JSONSpec(FramingSpec):
    """One JSON document is the whole answer, read once it has all arrived."""

    name: ClassVar[str] = "json"
    runtime_class: ClassVar[str] = "JSONFraming"

    rules: DocumentPaths

    def runtime_arguments(self) -> RuntimeArguments:
        return [("rules", self.rules), ("content_types", self.content_types)]

    def paths(self) -> dict[str, CompiledPath]:
        return self.rules.paths


@dataclass(frozen=True)
class TextSpec(FramingSpec):
    """The body is the answer."""

    name: ClassVar[str] = "text"
    runtime_class: ClassVar[str] = "TextFraming"

    markers: TextMarkers | None = None

    def runtime_arguments(self) -> RuntimeArguments:
        arguments: RuntimeArguments = [("content_types", self.content_types)]
        if self.markers is not None:
            arguments.append(("markers", self.markers))
        return arguments


@dataclass(frozen=True)
class WebSocketSpec(FramingSpec):
    """The answer comes as WebSocket messages, each a JSON document (or several, split at a
    separator), read by the document paths."""

    name: ClassVar[str] = "websocket"
    runtime_class: ClassVar[str] = "WebSocketFraming"

    rules: DocumentPaths
    prefix: str | None
    """Only messages that start with it are read, without it (others are passed over)."""
    separator: str | None
    """What separates the records of one message (``\x1e``); None: a message is one."""
    replies: tuple[tuple[str, str], ...]
    """Messages answered at once with a message of their own (a ping's pong), never read."""
    max_event_size: int | None

    def runtime_arguments(self) -> RuntimeArguments:
        arguments: RuntimeArguments = [("rules", self.rules)]
        if self.prefix is not None:
            arguments.append(("prefix", self.prefix))
        if self.separator is not None:
            arguments.append(("separator", self.separator))
        if self.replies:
            arguments.append(("replies", dict(self.replies)))
        if self.max_event_size is not None:
            arguments.append(("max_event_size", self.max_event_size))
        return arguments

    def paths(self) -> dict[str, CompiledPath]:
        return self.rules.paths


@dataclass(frozen=True)
class EventStreamSpec(FramingSpec):
    """AWS's event stream: binary messages, each event's payload a JSON document (or such a
    document base64-encoded in a member of it), read by the document paths."""

    name: ClassVar[str] = "aws_eventstream"
    runtime_class: ClassVar[str] = "EventStreamFraming"
    runtime_module: ClassVar[str] = "_eventstream"

    rules: DocumentPaths
    delta_events: tuple[str, ...] | None
    """The event types deltas are taken from; None: every type."""
    stop_events: tuple[str, ...]
    base64_member: str | None
    """The member of each payload that holds the document as base64, where it is wrapped."""
    max_event_size: int | None

    def runtime_arguments(self) -> RuntimeArguments:
        arguments: RuntimeArguments = [("rules", self.rules)]
        if self.delta_events is not None:
            arguments.append(("delta_events", frozenset(self.delta_events)))
        if self.stop_events:
            arguments.append(("stop_events", frozenset(self.stop_events)))
        if self.base64_member is not None:
            arguments.append(("base64_member", self.base64_member))
        arguments.append(("content_types", self.content_types))
        if self.max_event_size is not None:
            arguments.append(("max_event_size", self.max_event_size))
        return arguments

    def paths(self) -> dict[str, CompiledPath]:
        return self.rules.paths
