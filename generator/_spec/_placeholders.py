"""Parsing ``${...}`` placeholders out of spec strings; ``$${`` writes a literal ``${``."""

from __future__ import annotations

import difflib
import re

from .._model import WHOLE_VALUE_ONLY, Part, Placeholder

__all__ = ["PlaceholderError", "parse_template"]

_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_TOKEN = re.compile(r"\$\$\{|\$\{([^}]*)\}|\$\{")


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
    raise PlaceholderError(f"unknown placeholder ${{{name}}}; {_hint(name, known)}")


def _hint(name: str, known: frozenset[str]) -> str:
    """The known name ``name`` is most like, as unknown keys have; else every known name."""
    _, dot, variable = name.partition(".")
    # A misspelt ``env.`` keeps its variable: ``${evn.KEY}`` is most like ``${env.KEY}``.
    env = {f"env.{variable}"} if dot and _ENV_NAME.fullmatch(variable) else set()
    candidates = sorted({*known, *env})
    close = difflib.get_close_matches(name, candidates, n=1)
    if close:
        return f"did you mean ${{{close[0]}}}?"
    return f"known: {', '.join(sorted({*known, 'env.NAME'}))}"
