"""``${...}`` placeholders in spec strings (the URL, headers and the body template).

A string that is exactly one placeholder stands for the value itself, type kept (``${messages}``
stays a list, ``${temperature}`` a number). Placeholders inside longer text are formatted as text.
``$${`` writes a literal ``${``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "BUILTIN_PLACEHOLDERS",
    "ITEM_PLACEHOLDERS",
    "MAYBE_ABSENT",
    "WHOLE_VALUE_ONLY",
    "Part",
    "Placeholder",
    "PlaceholderError",
    "TemplateString",
    "builtin_placeholders",
    "parse_template",
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
}
"""Every placeholder a version 1 spec can use besides its own parameters and ``env.NAME``."""

_VERSION_2_PLACEHOLDERS: dict[str, str] = {
    "system": "the text of the system messages, joined by blank lines; absent when there are none",
}

ITEM_PLACEHOLDERS: dict[str, str] = {
    "role": "the message's role, renamed as request.messages.roles says",
    "content": "the message's content: its text, or its parts as given",
}
"""The placeholders of ``request.messages.item``, the template of one message."""

MAYBE_ABSENT = frozenset({"system"})
"""Builtin placeholders that may have no value, like a parameter whose default is null."""

WHOLE_VALUE_ONLY = frozenset({"messages"})
"""Placeholders that make no sense inside text."""


def builtin_placeholders(version: int) -> dict[str, str]:
    """The builtin placeholders of a spec of format ``version``, with what each stands for."""
    return BUILTIN_PLACEHOLDERS | (_VERSION_2_PLACEHOLDERS if version >= 2 else {})


_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_TOKEN = re.compile(r"\$\$\{|\$\{([^}]*)\}|\$\{")


@dataclass(frozen=True)
class Placeholder:
    """A ``${name}`` (or ``${env.NAME}``, then ``env`` holds NAME) in a template string."""

    name: str
    env: str | None = None


Part = str | Placeholder

TemplateString = tuple[Part, ...]
"""A spec string, split into literal text and placeholders."""


class PlaceholderError(ValueError):
    """A template string has a malformed or unknown placeholder."""


def parse_template(text: str, known: frozenset[str]) -> list[Part]:
    """Split ``text`` into literal text and placeholders; each must be in ``known`` or ``env.*``."""
    parts: list[Part] = []
    literal = ""
    position = 0
    for match in _TOKEN.finditer(text):
        literal += text[position : match.start()]
        position = match.end()
        token = match.group(0)
        if token == "$${":
            literal += "${"
            continue
        if match.group(1) is None:
            raise PlaceholderError(f"unterminated placeholder at character {match.start() + 1}")
        if literal:
            parts.append(literal)
            literal = ""
        parts.append(_placeholder(match.group(1).strip(), known))
    literal += text[position:]
    if literal:
        parts.append(literal)
    for part in parts:
        if isinstance(part, Placeholder) and part.name in WHOLE_VALUE_ONLY and len(parts) > 1:
            raise PlaceholderError(f"${{{part.name}}} must be the whole value, not part of text")
    return parts


def _placeholder(name: str, known: frozenset[str]) -> Placeholder:
    if name.startswith("env."):
        variable = name[4:]
        if not _ENV_NAME.fullmatch(variable):
            raise PlaceholderError(f"${{{name}}}: {variable!r} is not an environment variable name")
        return Placeholder("env", variable)
    if name in known:
        return Placeholder(name)
    names = ", ".join(sorted({*known, "env.NAME"}))
    raise PlaceholderError(f"unknown placeholder ${{{name}}}; known: {names}")
