"""``${...}`` placeholders in spec strings (headers and the body template).

A string that is exactly one placeholder stands for the value itself, type kept (``${messages}``
stays a list, ``${temperature}`` a number). Placeholders inside longer text are formatted as text.
``$${`` writes a literal ``${``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "BUILTIN_PLACEHOLDERS",
    "WHOLE_VALUE_ONLY",
    "Part",
    "Placeholder",
    "PlaceholderError",
    "TemplateString",
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
"""Every placeholder a spec can use besides its own parameters and ``env.NAME``."""

WHOLE_VALUE_ONLY = frozenset({"messages"})
"""Placeholders that make no sense inside text."""

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


def parse_template(text: str, parameters: frozenset[str]) -> list[Part]:
    """Split ``text`` into literal text and placeholders, checking each placeholder's name."""
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
        parts.append(_placeholder(match.group(1).strip(), parameters))
    literal += text[position:]
    if literal:
        parts.append(literal)
    for part in parts:
        if isinstance(part, Placeholder) and part.name in WHOLE_VALUE_ONLY and len(parts) > 1:
            raise PlaceholderError(f"${{{part.name}}} must be the whole value, not part of text")
    return parts


def _placeholder(name: str, parameters: frozenset[str]) -> Placeholder:
    if name.startswith("env."):
        variable = name[4:]
        if not _ENV_NAME.fullmatch(variable):
            raise PlaceholderError(f"${{{name}}}: {variable!r} is not an environment variable name")
        return Placeholder("env", variable)
    if name in BUILTIN_PLACEHOLDERS or name in parameters:
        return Placeholder(name)
    known = sorted({*BUILTIN_PLACEHOLDERS, *parameters, "env.NAME"})
    raise PlaceholderError(f"unknown placeholder ${{{name}}}; known: {', '.join(known)}")
