"""A spec's request as a template: its URL, headers, parameters, messages and body, every
placeholder parsed. The streamed request and each step's are one of these."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ._templates import Placeholder, TemplateString

__all__ = [
    "BodyFormat",
    "BodyTemplate",
    "ExtraKwargs",
    "MessageMapping",
    "Parameter",
    "Request",
    "Scalar",
    "WebSocketSend",
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
    secret: bool = False
    """Whether its value is a secret (a token, cookies): kept out of every error."""

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
class WebSocketSend:
    """One thing a WebSocket request does once connected: send a text message (``text``),
    the JSON text of a value (``json``), or wait for ``count`` messages (``wait``)."""

    kind: Literal["text", "json", "wait"]
    value: BodyTemplate
    """The text's template, or the value's; None for a wait."""
    count: int = 0


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
    send: tuple[WebSocketSend, ...]
    """What a WebSocket request sends once connected, in order; empty for HTTP."""
    leave_out_emptied: bool
    """Whether a mapping or list that absent values alone leave empty is left out too (else
    it is sent empty)."""

    def placeholders(self) -> set[str]:
        """The names of every placeholder the request uses (``env`` for secrets)."""
        used = placeholders_in(self.url_path) | placeholders_in(self.url_query or ())
        for _, template in self.headers:
            used |= placeholders_in(template)
        for sent in self.send:
            used |= placeholders_in(sent.value)
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
