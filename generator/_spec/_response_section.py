"""The ``response`` section of a spec: one class per framing, registered in ``FRAMINGS``.

Each class knows the keys its framing reads under ``response`` (``properties``, a JSON Schema
fragment, and ``required``), its default content types, and what the keys mean: ``read`` turns
them into the framing's model (``generator/_model/_framing_specs.py``), reporting problems to
the checker. The JSON Schema, the check that a key belongs to the chosen framing ("only for
framing sse, not ndjson") and the framing's name in the model all follow from these classes.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any, ClassVar

from .._diagnostics import KeyPath
from .._model import (
    CompiledPath,
    DocumentPaths,
    EventStreamSpec,
    FramingSpec,
    JSONArraySpec,
    JSONDocumentsSpec,
    JSONSpec,
    NDJSONSpec,
    Scalar,
    SSESpec,
    TextMarkers,
    TextSpec,
    WebSocketSpec,
)
from ..runtime._constants import DEFAULT_MAX_EVENT_SIZE
from ._checker import Checker
from ._schema_parts import JSONPATH, LARGEST_EVENT, Schema, merge_properties, object_schema

__all__ = ["FRAMINGS", "FramingKeys", "misplaced_keys", "read_response"]


def one_or_more(item: Schema, description: str) -> Schema:
    """A value, or a list of such values."""
    return {
        "type": ["string", "array"],
        **{key: value for key, value in item.items() if key not in ("type", "description")},
        "items": {key: value for key, value in item.items() if key != "description"},
        "minItems": 1,
        "description": description,
    }


_MAX_EVENT_SIZE: Schema = {
    "max_event_size": {
        "type": "integer",
        "minimum": 1,
        "maximum": LARGEST_EVENT,
        "description": (
            f"Largest line or event, in characters. Default {DEFAULT_MAX_EVENT_SIZE} (1 MiB)."
        ),
    }
}
"""The key of the framings that cut a body into lines or events."""


def _condition(description: str) -> Schema:
    """The schema of a condition on one value of a document: a path, and what it must be."""
    return object_schema(
        {
            "path": {**JSONPATH, "description": "JSONPath of the value that decides."},
            "equals": {
                "type": ["string", "number", "boolean", "null"],
                "description": "The value it must have.",
            },
            "in": {
                "type": "array",
                "items": {"type": ["string", "number", "boolean", "null"]},
                "minItems": 1,
                "description": "The values it may have.",
            },
        },
        ["path"],
        description,
    )


_DOCUMENT_RULES: Schema = {
    "delta": {
        **JSONPATH,
        "description": "JSONPath of the text delta in each JSON document (version 2: each match).",
    },
    "non_string_delta": {
        "enum": ["skip", "convert"],
        "description": "A delta that is not a string: skipped (default) or converted to text.",
    },
    "reasoning": {
        **JSONPATH,
        "description": "Version 2: JSONPath of reasoning text deltas, kept apart from the text.",
    },
    "tool_calls": {**JSONPATH, "description": "Version 2: JSONPath of tool-call deltas."},
    "finish_reason": {
        **JSONPATH,
        "description": "Version 2: JSONPath of the reason the answer ended.",
    },
    "usage": object_schema(
        {
            "input_tokens": {**JSONPATH, "description": "JSONPath of the prompt's token count."},
            "output_tokens": {**JSONPATH, "description": "JSONPath of the answer's token count."},
        },
        [],
        "Version 2: where the server reports token usage.",
    ),
    "stop": object_schema(
        {
            "path": {
                **JSONPATH,
                "description": "Stop when the value at this JSONPath equals `equals`.",
            },
            "equals": {
                "type": ["string", "number", "boolean", "null"],
                "description": "The value `path` must have to stop. Default true.",
            },
        },
        [],
        "When the answer is complete. Without it, the end of the body ends the answer.",
    ),
    "error": object_schema(
        {
            "message": one_or_more(
                JSONPATH,
                "JSONPath of the server's error message; its presence means an error. "
                "Version 2: or a list of them, the first that matches wins.",
            ),
            "when": _condition(
                "Version 3: the message means an error only where the value at path is one "
                "of these (a success that carries a message too)."
            ),
        },
        [],
        "How the stream reports an error.",
    ),
    "filter": _condition(
        "Version 3: a document's text counts only where the value at path is one of these."
    ),
    "cumulative": {
        "enum": ["restart", "skip", "error"],
        "description": (
            "Version 3: each document's text is the whole answer so far; only what extends it "
            "is a delta. A text that does not extend it starts the answer over (restart), is "
            "passed over (skip) or is an error."
        ),
    },
}
"""The keys under ``response`` of every framing whose events are JSON documents."""

_MARKERS: Schema = {
    "markers": object_schema(
        {
            "skip": {
                "type": "array",
                "items": {"type": "string", "minLength": 1},
                "description": "Events (SSE) or lines (text) starting with one of these are passed over.",
            },
            "error": {
                "type": "array",
                "items": {"type": "string", "minLength": 1},
                "description": "A text of the answer holding one of these is an error.",
            },
            "cut_before": {
                "type": "string",
                "minLength": 1,
                "description": "A notice before the answer: it and what precedes it are dropped.",
            },
        },
        [],
        "Version 3: what a text answer carries besides its text.",
    )
}
"""The key of the framings whose answer is text."""

_EVENT_TYPES: Schema = {
    "events": {
        "type": "array",
        "items": {"type": "string"},
        "description": "SSE and aws_eventstream: take deltas only from events of these types.",
    },
    "stop": {
        "type": "object",
        "properties": {
            "event": one_or_more(
                {"type": "string"},
                "SSE and aws_eventstream: stop at an event of this type. Version 2: or "
                "of these types.",
            ),
        },
    },
}
"""The keys of the framings whose events have types (SSE's ``event:``, AWS's
``:event-type``)."""

_EVENT_KEYS = ("reasoning", "tool_calls", "finish_reason", "usage")
"""The keys of the events besides the text, each of which the format may not allow yet."""

_UNUSABLE = CompiledPath("$", ())
"""Holds the place of a delta path that was reported invalid, so the rest is still checked."""


def _document_rules(response: dict[str, Any], checker: Checker) -> DocumentPaths:
    """The JSONPaths applied to each JSON document, by role."""
    stop, error = response.get("stop", {}), response.get("error", {})
    if "equals" in stop and "path" not in stop:
        checker.error(("response", "stop", "equals"), "equals needs a path", at_key=True)
    paths: dict[str, CompiledPath | None] = {
        "delta": checker.jsonpath(("response", "delta"), response.get("delta")) or _UNUSABLE,
        "stop": checker.jsonpath(("response", "stop", "path"), stop.get("path")),
    }
    if "delta" not in response:
        checker.error(("response",), "missing required key 'delta'", at_key=True)
    filter_values: tuple[Scalar, ...] = ()
    if "filter" in response and checker.allows(("response", "filter"), "filter"):
        at_filter = ("response", "filter")
        paths["filter"], filter_values = _condition_read(at_filter, response["filter"], checker)
    error_when: tuple[Scalar, ...] = ()
    if "when" in error and checker.allows(("response", "error", "when"), "error.when"):
        at_when = ("response", "error", "when")
        paths["when"], error_when = _condition_read(at_when, error["when"], checker)
    for key in _EVENT_KEYS:
        if key in response and checker.allows(("response", key), key):
            roles = response[key] if key == "usage" else {key: response[key]}
            for role, text in roles.items():
                where = ("response", key, role) if key == "usage" else ("response", key)
                paths[role] = checker.jsonpath(where, text)
    at = ("response", "error", "message")
    for index, path in enumerate(_error_paths(at, error.get("message"), checker)):
        paths["error" if index == 0 else f"error_{index + 1}"] = path
    cumulative = response.get("cumulative")
    if cumulative is not None and not checker.allows(("response", "cumulative"), "cumulative"):
        cumulative = None
    return DocumentPaths(
        paths={role: path for role, path in paths.items() if path is not None},
        convert_non_string=response.get("non_string_delta", "skip") == "convert",
        stop_equals=stop.get("equals", True),
        filter_values=filter_values,
        error_when=error_when,
        cumulative=cumulative,
    )


def _condition_read(
    at: KeyPath, written: dict[str, Any], checker: Checker
) -> tuple[CompiledPath | None, tuple[Scalar, ...]]:
    """A condition's path and the values it may have (``filter``, ``error.when``)."""
    if ("equals" in written) == ("in" in written):
        checker.error(at, "give the value the path must have (equals) or those it may (in)")
    values = tuple(written["in"]) if "in" in written else (written.get("equals"),)
    path = checker.jsonpath((*at, "path"), written["path"])
    if path is not None and not path.singular:
        checker.error((*at, "path"), "a condition reads one value: a singular JSONPath")
        return None, values
    return path, values


def _markers(response: dict[str, Any], checker: Checker, framing: str) -> TextMarkers | None:
    """The markers of a text answer: ``skip`` goes with SSE's events, ``cut_before`` with a
    text body."""
    written = response.get("markers")
    if written is None or not checker.allows(("response", "markers"), "markers"):
        return None
    other = {"sse": "cut_before", "text": "skip"}[framing]
    if other in written:
        checker.error(
            ("response", "markers", other), f"{other} is not for framing {framing}", at_key=True
        )
    return TextMarkers(
        skip=tuple(written.get("skip", ())),
        errors=tuple(written.get("error", ())),
        cut_before=written.get("cut_before"),
    )


def _error_paths(
    at: KeyPath, value: str | list[str] | None, checker: Checker
) -> list[CompiledPath]:
    """One JSONPath or, where the format allows it, a list of them; invalid ones reported."""
    if value is None:
        return []
    if isinstance(value, str):
        texts, places = [value], [at]
    elif checker.allows(at, "a list of error paths"):
        texts, places = value, [(*at, index) for index in range(len(value))]
    else:
        return []
    compiled = [checker.jsonpath(place, text) for place, text in zip(places, texts, strict=True)]
    return [path for path in compiled if path is not None]


class FramingKeys(ABC):
    """The keys one framing reads under ``response``, and what they mean."""

    framing: ClassVar[type[FramingSpec]]
    """The model class ``read`` makes; its ``name`` is the value of ``response.framing``."""
    description: ClassVar[str]
    default_content_types: ClassVar[tuple[str, ...]]
    properties: ClassVar[Schema]
    required: ClassVar[tuple[str, ...]] = ()

    @classmethod
    @abstractmethod
    def read(cls, response: dict[str, Any], checker: Checker) -> FramingSpec:
        """The framing the ``response`` section describes; problems go to ``checker``."""

    @classmethod
    def content_types(cls, response: dict[str, Any]) -> tuple[str, ...]:
        """The media types the spec accepts, or this framing's default."""
        return tuple(response.get("content_types", cls.default_content_types))


_JSON_ONLY = (
    "delta",
    "reasoning",
    "tool_calls",
    "finish_reason",
    "usage",
    "filter",
    "cumulative",
    "non_string_delta",
)
"""The keys that read each event's JSON, which events of text data do not have."""


class SSEKeys(FramingKeys):
    """Events filtered by type; the answer stops at a sentinel data or an event type."""

    framing = SSESpec
    description = "server-sent events"
    default_content_types = ("text/event-stream",)
    properties = merge_properties(
        _DOCUMENT_RULES,
        _EVENT_TYPES,
        {
            "data": {
                "enum": ["json", "text"],
                "description": (
                    "Version 3: what an event's data is: a JSON document (default), read by the "
                    "delta's path, or the text itself."
                ),
            },
            # Keys added to the `stop` and `error` sections the JSON framings share.
            "stop": {
                "type": "object",
                "properties": {
                    "data": {
                        "type": "string",
                        "description": "SSE: stop when an event's data is exactly this.",
                    },
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
        _MAX_EVENT_SIZE,
        _MARKERS,
    )

    @classmethod
    def read(cls, response: dict[str, Any], checker: Checker) -> SSESpec:
        stop, error = response.get("stop", {}), response.get("error", {})
        events = response.get("events")
        text = response.get("data", "json") == "text" and checker.allows(
            ("response", "data"), "data"
        )
        if text:
            json_keys: list[tuple[str, ...]] = [(key,) for key in _JSON_ONLY if key in response]
            json_keys += [("stop", key) for key in ("path", "equals") if key in stop]
            json_keys += [("error", key) for key in ("message", "when") if key in error]
            for key_path in json_keys:
                checker.error(
                    ("response", *key_path),
                    "events of text data hold no JSON to read",
                    at_key=True,
                )
        elif "markers" in response:
            checker.error(("response", "markers"), "markers go with data: text", at_key=True)
        return SSESpec(
            content_types=cls.content_types(response),
            rules=None if text else _document_rules(response, checker),
            markers=_markers(response, checker, "sse"),
            delta_events=None if events is None else tuple(events),
            stop_data=_stop_data(stop.get("data"), checker),
            stop_events=_event_types(("response", "stop", "event"), stop.get("event"), checker),
            read_stop_events=checker.format.reads_stop_events,
            error_events=_event_types(("response", "error", "event"), error.get("event"), checker),
            error_field=_error_field(error.get("field"), checker),
            max_event_size=response.get("max_event_size"),
        )


def _event_types(at: KeyPath, value: str | list[str] | None, checker: Checker) -> tuple[str, ...]:
    """One event type or, where the format allows it, a list of them."""
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(value) if checker.allows(at, "a list of event types") else ()


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
    if name is None or not checker.allows(at, "error.field"):
        return None
    if name in ("data", "event", "id", "retry", ""):
        checker.error(at, f"{name!r} is a field of the standard: it cannot report errors")
        return None
    return name


class _DocumentsKeys(FramingKeys):
    """A body that is a sequence of JSON documents (lines, array elements), each read by the
    document rules and none longer than ``max_event_size``."""

    framing: ClassVar[type[JSONDocumentsSpec]]
    properties = merge_properties(_DOCUMENT_RULES, _MAX_EVENT_SIZE)
    required = ("delta",)

    @classmethod
    def read(cls, response: dict[str, Any], checker: Checker) -> JSONDocumentsSpec:
        return cls.framing(
            content_types=cls.content_types(response),
            rules=_document_rules(response, checker),
            max_event_size=response.get("max_event_size"),
        )


class NDJSONKeys(_DocumentsKeys):
    """Each non-blank line is a JSON document; the answer stops at a JSONPath condition."""

    framing = NDJSONSpec
    description = "a JSON document a line"
    default_content_types = ("application/x-ndjson",)


class JSONArrayKeys(_DocumentsKeys):
    """Each element of the array is a JSON document; the closing ``]`` ends the answer."""

    framing = JSONArraySpec
    description = "one JSON array, an element a document (version 2)"
    default_content_types = ("application/json",)

    @classmethod
    def read(cls, response: dict[str, Any], checker: Checker) -> JSONDocumentsSpec:
        checker.allows(("response", "framing"), "framing json_array")
        return super().read(response, checker)


class JSONKeys(FramingKeys):
    """One JSON document is the whole answer."""

    framing = JSONSpec
    description = "one JSON document, the whole answer (version 3)"
    default_content_types = ("application/json",)
    properties = _DOCUMENT_RULES
    required = ("delta",)

    @classmethod
    def read(cls, response: dict[str, Any], checker: Checker) -> JSONSpec:
        checker.allows(("response", "framing"), "framing json")
        rules = _document_rules(response, checker)
        if rules.cumulative is not None:
            checker.error(("response", "cumulative"), "one document is the whole answer already")
        return JSONSpec(content_types=cls.content_types(response), rules=rules)


class TextKeys(FramingKeys):
    """Raw text, decoded as it arrives; there is no JSON to look into."""

    framing = TextSpec
    description = "the body is the answer"
    default_content_types = ("text/plain",)
    properties: ClassVar[Schema] = _MARKERS

    @classmethod
    def read(cls, response: dict[str, Any], checker: Checker) -> TextSpec:
        return TextSpec(
            content_types=cls.content_types(response), markers=_markers(response, checker, "text")
        )


class WebSocketKeys(FramingKeys):
    """WebSocket messages, each a JSON document or records split at a separator."""

    framing = WebSocketSpec
    description = "WebSocket messages, each a JSON document (version 3)"
    default_content_types = ()
    properties = merge_properties(
        _DOCUMENT_RULES,
        {
            "prefix": {
                "type": "string",
                "minLength": 1,
                "description": "Read only messages that start with it, without it.",
            },
            "separator": {
                "type": "string",
                "minLength": 1,
                "description": "What separates a message's records (\\u001e); each is a document.",
            },
            "replies": {
                "type": "object",
                "additionalProperties": {"type": "string"},
                "description": "Messages answered at once with another ({'2': '3'}: a ping's pong).",
            },
        },
        _MAX_EVENT_SIZE,
    )
    required = ("delta",)

    @classmethod
    def read(cls, response: dict[str, Any], checker: Checker) -> WebSocketSpec:
        checker.allows(("response", "framing"), "framing websocket")
        return WebSocketSpec(
            content_types=(),
            rules=_document_rules(response, checker),
            prefix=response.get("prefix"),
            separator=response.get("separator"),
            replies=tuple(response.get("replies", {}).items()),
            max_event_size=response.get("max_event_size"),
        )


class EventStreamKeys(FramingKeys):
    """AWS's binary event stream, each event's payload a JSON document."""

    framing = EventStreamSpec
    description = "AWS's event stream, each event a JSON document (version 3)"
    default_content_types = ("application/vnd.amazon.eventstream",)
    properties = merge_properties(
        _DOCUMENT_RULES,
        _EVENT_TYPES,
        {
            "base64_member": {
                "type": "string",
                "minLength": 1,
                "description": (
                    "The member of each event's JSON payload that holds the document "
                    "base64-encoded (Bedrock's invoke-with-response-stream: bytes)."
                ),
            },
        },
        _MAX_EVENT_SIZE,
    )
    required = ("delta",)

    @classmethod
    def read(cls, response: dict[str, Any], checker: Checker) -> EventStreamSpec:
        checker.allows(("response", "framing"), "framing aws_eventstream")
        events = response.get("events")
        stop_event = response.get("stop", {}).get("event")
        return EventStreamSpec(
            content_types=cls.content_types(response),
            rules=_document_rules(response, checker),
            delta_events=None if events is None else tuple(events),
            stop_events=_event_types(("response", "stop", "event"), stop_event, checker),
            base64_member=response.get("base64_member"),
            max_event_size=response.get("max_event_size"),
        )


FRAMINGS: dict[str, type[FramingKeys]] = {
    keys.framing.name: keys
    for keys in (
        SSEKeys,
        NDJSONKeys,
        JSONArrayKeys,
        JSONKeys,
        TextKeys,
        WebSocketKeys,
        EventStreamKeys,
    )
}
"""Every framing a spec can choose, by its name."""


def read_response(response: dict[str, Any], checker: Checker) -> FramingSpec:
    """The framing the ``response`` section describes, its misplaced keys reported."""
    framing = response["framing"]
    for path, message in misplaced_keys(framing, response):
        checker.error(("response", *path), message, at_key=True)
    return FRAMINGS[framing].read(response, checker)


def _readers() -> dict[KeyPath, list[str]]:
    """Every key a framing reads, two levels deep (``stop``, ``stop.path``), with its readers."""
    readers: dict[KeyPath, list[str]] = {}
    for name, keys in FRAMINGS.items():
        for key, schema in keys.properties.items():
            for path in [(key,), *((key, inner) for inner in schema.get("properties", {}))]:
                readers.setdefault(path, []).append(name)
    return readers


def misplaced_keys(framing: str, response: dict[str, Any]) -> list[tuple[KeyPath, str]]:
    """Keys written under ``response`` that another framing reads but ``framing`` does not.

    Each comes with the message that says which framings read it. Keys no framing reads are
    the schema's to report.
    """
    readers = _readers()

    def problem(path: KeyPath) -> str | None:
        names = readers.get(path, [])
        if not names or framing in names:
            return None
        who = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
        return f"only for framing {who}, not {framing}"

    misplaced: list[tuple[KeyPath, str]] = []
    for key, value in response.items():
        if (message := problem((key,))) is not None:
            misplaced.append(((key,), message))  # a section once, not once per key in it
        elif isinstance(value, dict):
            for inner in value:
                if (message := problem((key, inner))) is not None:
                    misplaced.append(((key, inner), message))
    return misplaced
