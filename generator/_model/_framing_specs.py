"""Framings as the model holds them: one class per framing, its settings as plain values.

Each class names the runtime class that implements its framing (``generator/runtime/_framings``)
and gives the arguments that class is built with, as values (``runtime_arguments``); the emitter
writes them as Python, and compiles the rules for JSON documents into one walk.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import ClassVar

from ._jsonpaths import CompiledPath

__all__ = [
    "DocumentPaths",
    "FramingSpec",
    "JSONArraySpec",
    "JSONDocumentsSpec",
    "NDJSONSpec",
    "SSESpec",
    "TextSpec",
]

RuntimeArguments = list[tuple[str, object]]
"""Keyword arguments of a runtime class, as values: text, numbers, tuples, frozensets, and the
:class:`DocumentPaths` the emitter compiles."""


@dataclass(frozen=True)
class DocumentPaths:
    """What is taken from each JSON document of the answer: a JSONPath by role.

    Roles: ``delta`` (text), ``reasoning``, ``tool_calls``, ``finish_reason``,
    ``input_tokens``, ``output_tokens``, ``stop`` (compared with ``stop_equals``) and
    ``error``, ``error_2``, ... in the order they are tried.
    """

    paths: dict[str, CompiledPath]
    convert_non_string: bool
    """A delta that is a number, object, ...: converted to its JSON text (else skipped)."""
    stop_equals: str | int | float | bool | None

    @property
    def has_stop(self) -> bool:
        """Whether a document can say that the answer is complete."""
        return "stop" in self.paths


@dataclass(frozen=True)
class FramingSpec(ABC):
    """How the answer's body becomes text deltas: a subclass per framing."""

    name: ClassVar[str]
    """The value of ``response.framing`` that selects this framing."""
    runtime_class: ClassVar[str]
    """The class the runtime's ``_framings`` package implements this framing with."""

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

    rules: DocumentPaths
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
        arguments: RuntimeArguments = [("rules", self.rules)]
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
        return self.rules.paths


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
class TextSpec(FramingSpec):
    """The body is the answer."""

    name: ClassVar[str] = "text"
    runtime_class: ClassVar[str] = "TextFraming"

    def runtime_arguments(self) -> RuntimeArguments:
        return [("content_types", self.content_types)]
