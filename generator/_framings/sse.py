"""``framing: sse``: server-sent events whose data is JSON."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from .._checker import Checker
from .._codegen import CodeBuilder, literal
from .._diagnostics import KeyPath
from .._jsonpath import CompiledPath
from .._schema_parts import Schema, merge_properties
from .base import MAX_EVENT_SIZE_SCHEMA, FramingSpec
from .json_rules import JSON_RULES, JSONRulesSpec, one_or_more

__all__ = ["SSESpec"]


@dataclass(frozen=True)
class SSESpec(FramingSpec):
    """Events filtered by type; the answer stops at a sentinel data or an event type."""

    name: ClassVar[str] = "sse"
    description: ClassVar[str] = "server-sent events"
    runtime_class: ClassVar[str] = "SSEFraming"
    default_content_types: ClassVar[tuple[str, ...]] = ("text/event-stream",)
    properties: ClassVar[Schema] = merge_properties(
        JSON_RULES,
        {
            "events": {
                "type": "array",
                "items": {"type": "string"},
                "description": "SSE: take deltas only from events of these types.",
            },
            # Keys added to the `stop` and `error` sections the JSON framings share.
            "stop": {
                "type": "object",
                "properties": {
                    "data": {
                        "type": "string",
                        "description": "SSE: stop when an event's data is exactly this.",
                    },
                    "event": one_or_more(
                        {"type": "string"},
                        "SSE: stop at an event of this type. Version 2: or of these types.",
                    ),
                },
            },
            "error": {
                "type": "object",
                "properties": {
                    "event": one_or_more(
                        {"type": "string"},
                        "SSE: an event of this type is an error. Version 2: or of these types.",
                    ),
                    "field": {
                        "type": "string",
                        "description": (
                            "SSE, version 2: a field the server reports errors in instead of "
                            "data (llama.cpp's `error:`); its value is the error."
                        ),
                    },
                },
            },
        },
        MAX_EVENT_SIZE_SCHEMA,
    )
    required: ClassVar[tuple[str, ...]] = ("delta",)

    rules: JSONRulesSpec
    delta_events: tuple[str, ...] | None
    stop_data: str | None
    stop_events: tuple[str, ...]
    error_events: tuple[str, ...]
    error_field: str | None
    max_event_size: int | None

    @classmethod
    def from_spec(cls, response: dict[str, Any], checker: Checker) -> SSESpec:
        stop, error = response.get("stop", {}), response.get("error", {})
        events = response.get("events")
        return cls(
            content_types=cls.content_types_of(response),
            rules=JSONRulesSpec.from_spec(response, checker),
            delta_events=None if events is None else tuple(events),
            stop_data=_stop_data(stop.get("data"), checker),
            stop_events=_event_types(("response", "stop", "event"), stop.get("event"), checker),
            error_events=_event_types(("response", "error", "event"), error.get("event"), checker),
            error_field=_error_field(error.get("field"), checker),
            max_event_size=response.get("max_event_size"),
        )

    def arguments(self, code: CodeBuilder) -> list[tuple[str, str]]:
        arguments = [("rules", self.rules.emit(code))]
        if self.delta_events is not None:
            arguments.append(("delta_events", f"frozenset({literal(self.delta_events)})"))
        if self.stop_data is not None:
            arguments.append(("stop_data", literal(self.stop_data)))
        for name, types in (("stop_events", self.stop_events), ("error_events", self.error_events)):
            if types:
                arguments.append((name, f"frozenset({literal(types)})"))
        if self.error_field is not None:
            arguments.append(("error_field", literal(self.error_field)))
        arguments.append(self.content_types_argument())
        if self.max_event_size is not None:
            arguments.append(("max_event_size", literal(self.max_event_size)))
        return arguments

    def paths(self) -> dict[str, CompiledPath]:
        return self.rules.paths()


def _event_types(at: KeyPath, value: str | list[str] | None, checker: Checker) -> tuple[str, ...]:
    """One event type or, in version 2, a list of them."""
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(value) if checker.needs_version_2(at, "a list of event types") else ()


def _stop_data(data: str | None, checker: Checker) -> str | None:
    # Event data is compared as the server sent it: U+FFFD stands for bytes that were no UTF-8,
    # and a lone surrogate for nothing UTF-8 can hold.
    if data is not None and any(c == "\ufffd" or "\ud800" <= c <= "\udfff" for c in data):
        at = ("response", "stop", "data")
        checker.error(at, "holds U+FFFD or a lone surrogate, which no event's data can equal")
        return None
    return data


def _error_field(name: str | None, checker: Checker) -> str | None:
    at = ("response", "error", "field")
    if name is None or not checker.needs_version_2(at, "error.field"):
        return None
    if name in ("data", "event", "id", "retry", ""):
        checker.error(at, f"{name!r} is a field of the standard: it cannot report errors")
        return None
    return name
