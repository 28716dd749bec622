"""What the readers of a capture share about JSON documents: reading one, its texts, the
JSONPath of a member, and the snake_case names values are given."""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = ["member", "parsed", "scalar_leaves", "snake_case", "string_leaves", "texts_in"]

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def parsed(text: str) -> Any:
    """``text`` as JSON, or None when it is none."""
    try:
        return json.loads(text)
    except ValueError:
        return None


def texts_in(value: Any) -> list[str]:
    """Every string of a JSON value, in document order."""
    return [text for _, text in string_leaves(value, "$")]


def string_leaves(value: Any, path: str) -> list[tuple[str, str]]:
    """Each string of a JSON value and its JSONPath, in document order."""
    return [(at, leaf) for at, leaf, _ in scalar_leaves(value, path) if isinstance(leaf, str)]


def scalar_leaves(value: Any, path: str = "$", key: str = "") -> list[tuple[str, Any, str]]:
    """Each scalar of a JSON value (text, number, boolean, null), its JSONPath and the key of
    the member it is in (a list's items are in their list's), in document order."""
    if isinstance(value, dict):
        return [leaf for k, v in value.items() for leaf in scalar_leaves(v, member(path, k), k)]
    if isinstance(value, list):
        return [leaf for i, v in enumerate(value) for leaf in scalar_leaves(v, f"{path}[{i}]", key)]
    return [(path, value, key)]


def member(path: str, key: str) -> str:
    """The JSONPath of member ``key`` of what ``path`` selects: ``.key``, or ``["a key"]``."""
    return f"{path}.{key}" if _IDENTIFIER.fullmatch(key) else f"{path}[{json.dumps(key)}]"


def snake_case(name: str) -> str:
    """``maxOutputTokens`` and ``x-chat-token`` as ``max_output_tokens``, ``x_chat_token``;
    a name that would start with a digit gets ``value_`` before it."""
    snake = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name)
    snake = re.sub(r"[^A-Za-z0-9]+", "_", snake).strip("_").lower()
    return snake if snake and not snake[0].isdigit() else f"value_{snake}"
