"""``framing: text``: the body itself is the answer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from .._checker import Checker
from .._codegen import CodeBuilder
from .._schema_parts import Schema
from .base import FramingSpec

__all__ = ["TextSpec"]


@dataclass(frozen=True)
class TextSpec(FramingSpec):
    """Raw text, decoded as it arrives; there is no JSON to look into."""

    name: ClassVar[str] = "text"
    description: ClassVar[str] = "the body is the answer"
    runtime_class: ClassVar[str] = "TextFraming"
    default_content_types: ClassVar[tuple[str, ...]] = ("text/plain",)
    properties: ClassVar[Schema] = {}

    @classmethod
    def from_spec(cls, response: dict[str, Any], checker: Checker) -> TextSpec:
        return cls(content_types=cls.content_types_of(response))

    def arguments(self, code: CodeBuilder) -> list[tuple[str, str]]:
        return [self.content_types_argument()]
