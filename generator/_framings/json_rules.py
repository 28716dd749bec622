"""What the JSON-carrying framings share: the delta, stop and error JSONPaths."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .._checker import Checker
from .._codegen import CodeBuilder, literal
from .._jsonpath import CompiledPath
from .._schema_parts import JSONPATH, Scalar, Schema, object_schema

__all__ = ["JSON_RULES", "JSONRulesSpec"]

JSON_RULES: Schema = {
    "delta": {**JSONPATH, "description": "JSONPath of the text delta in each JSON document."},
    "non_string_delta": {
        "enum": ["skip", "convert"],
        "description": "A delta that is not a string: skipped (default) or converted to text.",
    },
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
            "message": {
                **JSONPATH,
                "description": (
                    "JSONPath of the server's error message; its presence means an error."
                ),
            },
        },
        [],
        "How the stream reports an error.",
    ),
}
"""The keys under ``response`` of every framing whose events are JSON documents."""

_UNUSABLE = CompiledPath("$", ())
"""Holds the place of a delta path that was reported invalid, so the rest is still checked."""


@dataclass(frozen=True)
class JSONRulesSpec:
    """The JSONPaths applied to each JSON document; emitted as the runtime's ``JSONRules``."""

    delta: CompiledPath
    convert_non_string: bool
    stop_path: CompiledPath | None
    stop_equals: Scalar
    error_message: CompiledPath | None

    @classmethod
    def from_spec(cls, response: dict[str, Any], checker: Checker) -> JSONRulesSpec:
        stop, error = response.get("stop", {}), response.get("error", {})
        if "equals" in stop and "path" not in stop:
            checker.error(("response", "stop", "equals"), "equals needs a path", at_key=True)
        delta = checker.jsonpath(("response", "delta"), response["delta"])
        return cls(
            delta=delta or _UNUSABLE,
            convert_non_string=response.get("non_string_delta", "skip") == "convert",
            stop_path=checker.jsonpath(("response", "stop", "path"), stop.get("path")),
            stop_equals=stop.get("equals", True),
            error_message=checker.jsonpath(("response", "error", "message"), error.get("message")),
        )

    def emit(self, code: CodeBuilder) -> str:
        """``JSONRules(delta=_select_delta, ...)``, with a selector function per path."""
        arguments = [("delta", code.selector("delta", self.delta))]
        if self.convert_non_string:
            arguments.append(("convert_non_string", "True"))
        if self.stop_path is not None:
            arguments.append(("stop_path", code.selector("stop", self.stop_path)))
            arguments.append(("stop_equals", literal(self.stop_equals)))
        if self.error_message is not None:
            arguments.append(("error_message", code.selector("error", self.error_message)))
        return code.call("JSONRules", arguments)

    def paths(self) -> dict[str, CompiledPath]:
        """The paths, by the role of the selector each becomes."""
        named = {"delta": self.delta, "stop": self.stop_path, "error": self.error_message}
        return {role: path for role, path in named.items() if path is not None}
