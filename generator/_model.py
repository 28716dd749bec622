"""The typed description of one provider, made from a validated spec.

Templates render this and nothing else; every decision about the spec's meaning is made before.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ._jsonpath import CompiledPath
from ._placeholders import Part

Scalar = str | int | float | bool | None
TemplateString = tuple[Part, ...]
"""A spec string, split into literal text and placeholders."""

BodyTemplate = dict[str, "BodyTemplate"] | list["BodyTemplate"] | TemplateString | Scalar
"""The JSON body as written in the spec, with its strings parsed for placeholders."""

Framing = Literal["sse", "ndjson", "text"]
ExtraKwargs = Literal["merge", "ignore", "reject"]


@dataclass(frozen=True)
class Parameter:
    """A declared keyword argument of ``create_async_generator``."""

    name: str
    type: Literal["str", "int", "float", "bool"]
    default: Scalar
    required: bool
    description: str

    @property
    def optional(self) -> bool:
        """Whether it may be None, meaning: leave it out of the body."""
        return not self.required and self.default is None


@dataclass(frozen=True)
class Response:
    """How the answer streams back."""

    framing: Framing
    delta: CompiledPath | None
    convert_non_string: bool
    delta_events: tuple[str, ...] | None
    stop_data: str | None
    stop_event: str | None
    stop_path: CompiledPath | None
    stop_equals: Scalar
    error_event: str | None
    error_message: CompiledPath | None
    content_types: tuple[str, ...]
    max_event_size: int | None

    def paths(self) -> dict[str, CompiledPath]:
        """The JSONPaths to compile, by the name of the selector function made for each."""
        named = {"delta": self.delta, "stop": self.stop_path, "error": self.error_message}
        return {name: path for name, path in named.items() if path is not None}


@dataclass(frozen=True)
class ProviderSpec:
    """Everything the generator knows about one provider."""

    source: str
    class_name: str
    module: str
    description: str
    url: str
    working: bool
    supports_stream: bool
    supports_gpt_35_turbo: bool
    supports_gpt_4: bool
    supports_message_history: bool
    default_model: str | None
    models: tuple[str, ...]
    method: str
    endpoint_url: str
    headers: tuple[tuple[str, TemplateString], ...]
    parameters: tuple[Parameter, ...]
    extra_kwargs: ExtraKwargs
    body: dict[str, BodyTemplate]
    response: Response
    timeouts: dict[str, float]
    retries: dict[str, float]
