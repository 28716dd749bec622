"""Spec strings with ``${...}`` placeholders, split into literal text and the values they name.

A string that is exactly one placeholder stands for the value itself, type kept (``${messages}``
stays a list, ``${temperature}`` a number); placeholders inside longer text are formatted as
text. The builtin placeholders are listed here, with what each stands for.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "BUILTIN_PLACEHOLDERS",
    "ITEM_PLACEHOLDERS",
    "MAYBE_ABSENT",
    "WHOLE_VALUE_ONLY",
    "Part",
    "Placeholder",
    "TemplateString",
]

BUILTIN_PLACEHOLDERS: dict[str, str] = {
    "model": "the model name (the default model when the caller passes an empty one)",
    "messages": "the message list, as given",
    "prompt": "the messages as one prompt: 'Role: content' lines, then 'Assistant:'",
    "last_user_message": "the content of the last user message",
    "url": "the provider's site URL (provider.url)",
    "uuid": "a fresh random UUID, as text",
    "timestamp": "the Unix time in whole seconds",
    "timestamp_ms": "the Unix time in whole milliseconds",
    "system": "the text of the system messages, joined by blank lines; absent when there are none",
}
"""Every placeholder a spec can use besides its own parameters and ``env.NAME``."""

ITEM_PLACEHOLDERS: dict[str, str] = {
    "role": "the message's role, renamed as request.messages.roles says",
    "content": "the message's content: its text, or its parts as given",
}
"""The placeholders of ``request.messages.item``, the template of one message."""

MAYBE_ABSENT = frozenset({"system"})
"""Builtin placeholders that may have no value, like a parameter whose default is null."""

WHOLE_VALUE_ONLY = frozenset({"messages"})
"""Placeholders that make no sense inside text."""


@dataclass(frozen=True)
class Placeholder:
    """A ``${name}`` (or ``${env.NAME}``, then ``env`` holds NAME) in a template string."""

    name: str
    env: str | None = None


Part = str | Placeholder

TemplateString = tuple[Part, ...]
"""A spec string, split into literal text and placeholders."""
