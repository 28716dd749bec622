"""``framing: json_array``: the body is one JSON array, streamed element by element."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from .._checker import Checker
from .._codegen import CodeBuilder, literal
from .._jsonpath import CompiledPath
from .._schema_parts import Schema, merge_properties
from .base import MAX_EVENT_SIZE_SCHEMA, FramingSpec
from .json_rules import JSON_RULES, JSONRulesSpec

__all__ = ["JSONArraySpec"]


@dataclass(frozen=True)
class JSONArraySpec(FramingSpec):
    """Each element of the array is a JSON document; the closing ``]`` ends the answer."""

    name: ClassVar[str] = "json_array"
    description: ClassVar[str] = "one JSON array, an element a document (version 2)"
    runtime_class: ClassVar[str] = "JSONArrayFraming"
    default_content_types: ClassVar[tuple[str, ...]] = ("application/json",)
    properties: ClassVar[Schema] = merge_properties(JSON_RULES, MAX_EVENT_SIZE_SCHEMA)
    required: ClassVar[tuple[str, ...]] = ("delta",)

    rules: JSONRulesSpec
    max_event_size: int | None

    @classmethod
    def from_spec(cls, response: dict[str, Any], checker: Checker) -> JSONArraySpec:
        checker.needs_version_2(("response", "framing"), "framing json_array")
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
