"""The typed description of one provider, made from a checked spec.

Code emission reads this and nothing else: every decision about the spec's meaning, the
differences between the spec format's versions included, is made before, by the reader.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Literal

from .._diagnostics import Positions
from ._framing_specs import FramingSpec
from ._templates import Placeholder, TemplateString

__all__ = [
    "BodyFormat",
    "BodyTemplate",
    "ExtraKwargs",
    "MessageMapping",
    "Parameter",
    "ProviderSpec",
    "Request",
    "RetrySettings",
    "Scalar",
    "TimeoutSettings",
    "placeholders_in",
]

Scalar = str | int | float | bool | None
"""A value a spec may write where the schema allows any JSON scalar."""

BodyTemplate = dict[str, "BodyTemplate"] | list["BodyTemplate"] | TemplateString | Scalar
"""The JSON body as written in the spec, with its strings parsed for placeholders."""

ExtraKwargs = Literal["merge", "ignore", "reject"]
BodyFormat = Literal["json", "form"]


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
class MessageMapping:
    """How the caller's messages become the list ``${messages}`` sends."""

    separate_system: bool
    """System messages are left out of the list (``${system}`` holds their text)."""
    roles: tuple[tuple[str, str], ...]
    """Role renames, as (caller's role, role sent)."""
    content_text: bool
    """A content given as a list of parts is sent as the text of its text parts."""
    item: dict[str, BodyTemplate] | None
    """The template of one message, with ``${role}`` and ``${content}``; None: as given."""

    @property
    def changes_anything(self) -> bool:
        """Whether the list sent differs from the caller's list."""
        return self.separate_system or bool(self.roles) or self.content_text or bool(self.item)


@dataclass(frozen=True)
class Request:
    """The request: every value checked and every template parsed."""

    method: str
    url: str
    """The URL as the spec writes it, placeholders and all."""
    url_path: TemplateString
    """The URL up to its query; placeholders in it are sent as path segments."""
    url_query: TemplateString | None
    """The query after ``?``, if any; placeholders in it are sent as query values."""
    headers: tuple[tuple[str, TemplateString], ...]
    parameters: tuple[Parameter, ...]
    extra_kwargs: ExtraKwargs
    messages: MessageMapping | None
    body_format: BodyFormat
    body: dict[str, BodyTemplate] | None
    """The body template; None sends no body."""
    leave_out_emptied: bool
    """Whether a mapping or list that absent values alone leave empty is left out too (else
    it is sent empty)."""

    def placeholders(self) -> set[str]:
        """The names of every placeholder the request uses (``env`` for secrets)."""
        used = placeholders_in(self.url_path) | placeholders_in(self.url_query or ())
        for _, template in self.headers:
            used |= placeholders_in(template)
        return used | placeholders_in(self.body)


def placeholders_in(value: BodyTemplate) -> set[str]:
    """The names of the placeholders anywhere in ``value``."""
    if isinstance(value, dict):
        return set().union(*map(placeholders_in, value.values()))
    if isinstance(value, list):
        return set().union(*map(placeholders_in, value))
    if isinstance(value, tuple):
        return {p.name for p in value if isinstance(p, Placeholder)}
    return set()


@dataclass(frozen=True)
class _Settings:
    def items(self) -> list[tuple[str, float | bool]]:
        """The settings the spec gives, by name; the others keep the runtime's defaults."""
        given = [(field.name, getattr(self, field.name)) for field in fields(self)]
        return [(name, value) for name, value in given if value is not None]


@dataclass(frozen=True)
class TimeoutSettings(_Settings):
    """The spec's timeouts in seconds; None keeps the runtime's default."""

    connect: float | None = None
    idle: float | None = None
    total: float | None = None


@dataclass(frozen=True)
class RetrySettings(_Settings):
    """The spec's retry policy; None keeps the runtime's default."""

    max_retries: int | None = None
    initial_backoff: float | None = None
    max_backoff: float | None = None
    silent_streams: bool | None = None


@dataclass(frozen=True)
class ProviderSpec:
    """Everything the generator knows about one provider."""

    source: str
    """The spec's path as generated headers and diagnostics show it."""
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
    request: Request
    framing: FramingSpec
    max_response_bytes: int | None
    timeouts: TimeoutSettings
    retries: RetrySettings
    positions: Positions = field(compare=False, repr=False)
    """Where each key was written, for diagnostics about the spec as a whole."""

    @property
    def served_models(self) -> tuple[str, ...]:
        """The models the spec names: its list, the default model first if the list lacks it."""
        if self.default_model is None or self.default_model in self.models:
            return self.models
        return (self.default_model, *self.models)
