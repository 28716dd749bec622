"""The spec side of a framing: the keys it reads under ``response``, and the code it emits."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any, ClassVar, Self

from .._checker import Checker
from .._codegen import CodeBuilder, literal
from .._jsonpath import CompiledPath
from .._schema_parts import LARGEST_EVENT, Schema
from ..runtime._constants import DEFAULT_MAX_EVENT_SIZE

__all__ = ["MAX_EVENT_SIZE_SCHEMA", "FramingSpec"]

MAX_EVENT_SIZE_SCHEMA: Schema = {
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


@dataclass(frozen=True)
class FramingSpec(ABC):
    """One framing as a spec describes it; a subclass per framing, each a frozen dataclass.

    The class says which keys under ``response`` it reads (``properties``, a JSON Schema
    fragment, and ``required``), what they mean (``from_spec``) and how it is built in a
    generated module (``emit``): a call of ``runtime_class``, the runtime's half of the framing.
    Every framing also has ``content_types``, defaulting to ``default_content_types``.
    """

    name: ClassVar[str]
    """The value of ``response.framing`` that selects this framing."""
    description: ClassVar[str]
    runtime_class: ClassVar[str]
    """The class the runtime's ``_framings`` package implements this framing with."""
    default_content_types: ClassVar[tuple[str, ...]]
    properties: ClassVar[Schema]
    required: ClassVar[tuple[str, ...]] = ()

    content_types: tuple[str, ...]

    @classmethod
    @abstractmethod
    def from_spec(cls, response: dict[str, Any], checker: Checker) -> Self:
        """The framing the ``response`` section describes; problems go to ``checker``."""

    @abstractmethod
    def arguments(self, code: CodeBuilder) -> list[tuple[str, str]]:
        """The keyword arguments of the runtime class's constructor, as Python source."""

    def emit(self, code: CodeBuilder) -> str:
        """The expression that builds this framing in a generated module."""
        return code.call(self.runtime_class, self.arguments(code))

    def paths(self) -> dict[str, CompiledPath]:
        """The JSONPaths this framing evaluates, by role."""
        return {}

    @classmethod
    def content_types_of(cls, response: dict[str, Any]) -> tuple[str, ...]:
        """The media types the spec accepts, or this framing's default."""
        return tuple(response.get("content_types", cls.default_content_types))

    def content_types_argument(self) -> tuple[str, str]:
        """``content_types=(...)``, always written out so a module shows what it accepts."""
        return "content_types", literal(self.content_types)
