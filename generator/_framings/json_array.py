"""``framing: json_array``: the body is one JSON array, streamed element by element."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Self

from .._checker import Checker
from .json_rules import JSONDocumentsSpec

__all__ = ["JSONArraySpec"]


@dataclass(frozen=True)
class JSONArraySpec(JSONDocumentsSpec):
    """Each element of the array is a JSON document; the closing ``]`` ends the answer."""

    name: ClassVar[str] = "json_array"
    description: ClassVar[str] = "one JSON array, an element a document (version 2)"
    runtime_class: ClassVar[str] = "JSONArrayFraming"
    default_content_types: ClassVar[tuple[str, ...]] = ("application/json",)

    @classmethod
    def from_spec(cls, response: dict[str, Any], checker: Checker) -> Self:
        checker.needs_version_2(("response", "framing"), "framing json_array")
        return super().from_spec(response, checker)
