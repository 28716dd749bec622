"""What the JSON-carrying framings share: the JSONPaths of the delta, stop, errors and events."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Self

from .._checker import Checker
from .._codegen import CodeBuilder, literal
from .._diagnostics import KeyPath
from .._jsonpath import CompiledPath
from .._schema_parts import JSONPATH, Scalar, Schema, merge_properties, object_schema
from .._walk import document_walk
from .base import MAX_EVENT_SIZE_SCHEMA, FramingSpec

__all__ = ["JSON_RULES", "JSONDocumentsSpec", "JSONRulesSpec", "one_or_more"]


def one_or_more(item: Schema, description: str) -> Schema:
    """A value, or (version 2) a list of such values."""
    return {
        "type": ["string", "array"],
        **{key: value for key, value in item.items() if key not in ("type", "description")},
        "items": {key: value for key, value in item.items() if key != "description"},
        "minItems": 1,
        "description": description,
    }


JSON_RULES: Schema = {
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
        },
        [],
        "How the stream reports an error.",
    ),
}
"""The keys under ``response`` of every framing whose events are JSON documents."""

_VERSION_2_KEYS = ("reasoning", "tool_calls", "finish_reason", "usage")

_UNUSABLE = CompiledPath("$", ())
"""Holds the place of a delta path that was reported invalid, so the rest is still checked."""


@dataclass(frozen=True)
class JSONRulesSpec:
    """The JSONPaths applied to each JSON document.

    Version 1 specs are emitted as the runtime's ``JSONRules`` (one text delta a document, the
    first match of each path); version 2 as ``EventRules`` (every match, typed events).
    """

    version: int
    delta: CompiledPath
    convert_non_string: bool
    stop_path: CompiledPath | None
    stop_equals: Scalar
    error_messages: tuple[CompiledPath, ...]
    events: dict[str, CompiledPath]
    """Version 2: the paths of reasoning, tool calls, finish reason and token counts, by role."""

    @classmethod
    def from_spec(cls, response: dict[str, Any], checker: Checker) -> JSONRulesSpec:
        stop, error = response.get("stop", {}), response.get("error", {})
        if "equals" in stop and "path" not in stop:
            checker.error(("response", "stop", "equals"), "equals needs a path", at_key=True)
        events: dict[str, CompiledPath] = {}
        for key in _VERSION_2_KEYS:
            if key in response and checker.needs_version_2(("response", key), key):
                paths = response[key] if key == "usage" else {key: response[key]}
                for role, text in paths.items():
                    where = ("response", key, role) if key == "usage" else ("response", key)
                    compiled = checker.jsonpath(where, text)
                    if compiled is not None:
                        events[role] = compiled
        return cls(
            version=checker.version,
            delta=checker.jsonpath(("response", "delta"), response["delta"]) or _UNUSABLE,
            convert_non_string=response.get("non_string_delta", "skip") == "convert",
            stop_path=checker.jsonpath(("response", "stop", "path"), stop.get("path")),
            stop_equals=stop.get("equals", True),
            error_messages=_paths(("response", "error", "message"), error.get("message"), checker),
            events=events,
        )

    def emit(self, code: CodeBuilder) -> str:
        """The runtime's rules: ``JSONRules(...)`` with a selector a path, or ``EventRules(...)``
        with one function that walks every path at once."""
        return self._emit_event_rules(code) if self.version >= 2 else self._emit_json_rules(code)

    def _emit_json_rules(self, code: CodeBuilder) -> str:
        arguments = [("delta", code.selector("delta", self.delta))]
        if self.convert_non_string:
            arguments.append(("convert_non_string", "True"))
        if self.stop_path is not None:
            arguments.append(("stop_path", code.selector("stop", self.stop_path)))
            arguments.append(("stop_equals", literal(self.stop_equals)))
        if self.error_messages:
            arguments.append(("error_message", code.selector("error", self.error_messages[0])))
        return code.call("JSONRules", arguments)

    def _emit_event_rules(self, code: CodeBuilder) -> str:
        arguments = document_walk(self.paths(), self.convert_non_string, self.stop_equals, code)
        if self.stop_path is not None:
            arguments.append(("has_stop", "True"))
        return code.call("EventRules", arguments)

    def paths(self) -> dict[str, CompiledPath]:
        """The paths, by the role of the selector each becomes."""
        named = {"delta": self.delta, "stop": self.stop_path, **self.events}
        named.update(
            ("error" if i == 0 else f"error_{i + 1}", path)
            for i, path in enumerate(self.error_messages)
        )
        return {role: path for role, path in named.items() if path is not None}


def _paths(
    at: KeyPath, value: str | list[str] | None, checker: Checker
) -> tuple[CompiledPath, ...]:
    """One JSONPath or, in version 2, a list of them, compiled; invalid ones are reported."""
    if value is None:
        return ()
    if isinstance(value, str):
        texts = [value]
    elif checker.needs_version_2(at, "a list of error paths"):
        texts = value
    else:
        return ()
    where = [(*at, i) for i in range(len(texts))] if isinstance(value, list) else [at]
    compiled = [checker.jsonpath(place, text) for place, text in zip(where, texts, strict=True)]
    return tuple(path for path in compiled if path is not None)


@dataclass(frozen=True)
class JSONDocumentsSpec(FramingSpec):
    """A framing whose body is a sequence of JSON documents (lines, array elements), each read
    by the JSON rules and none longer than ``max_event_size``."""

    properties: ClassVar[Schema] = merge_properties(JSON_RULES, MAX_EVENT_SIZE_SCHEMA)
    required: ClassVar[tuple[str, ...]] = ("delta",)

    rules: JSONRulesSpec
    max_event_size: int | None

    @classmethod
    def from_spec(cls, response: dict[str, Any], checker: Checker) -> Self:
        return cls(
            content_types=cls.content_types_of(response),
            rules=JSONRulesSpec.from_spec(response, checker),
            max_event_size=response.get("max_event_size"),
        )

    def arguments(self, code: CodeBuilder) -> list[tuple[str, str]]:
        arguments = [("rules", self.rules.emit(code)), self.content_types_argument()]
        if self.max_event_size is not None:
            arguments.append(("max_event_size", literal(self.max_event_size)))
        return arguments

    def paths(self) -> dict[str, CompiledPath]:
        return self.rules.paths()
