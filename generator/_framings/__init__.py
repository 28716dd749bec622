"""Framings as specs describe them: one class per framing, registered here by name.

Each class (a :class:`FramingSpec`) knows the keys it reads under ``response``, their defaults,
its default content types and how it is emitted: a call of its runtime counterpart, a class of
``generator/runtime/_framings``. Adding a framing means one class on each side, added to
``FRAMINGS`` here and to the runtime's ``_framings/__init__``; the schema, the parser and the
emitted code take it from there.
"""

from __future__ import annotations

from typing import Any

from .._diagnostics import KeyPath
from .base import FramingSpec
from .json_array import JSONArraySpec
from .ndjson import NDJSONSpec
from .sse import SSESpec
from .text import TextSpec

__all__ = ["FRAMINGS", "FramingSpec", "misplaced_keys"]

FRAMINGS: dict[str, type[FramingSpec]] = {
    framing.name: framing for framing in (SSESpec, NDJSONSpec, JSONArraySpec, TextSpec)
}


def _readers() -> dict[KeyPath, list[str]]:
    """Every key a framing reads, two levels deep (``stop``, ``stop.path``), with its readers."""
    readers: dict[KeyPath, list[str]] = {}
    for name, spec_class in FRAMINGS.items():
        for key, schema in spec_class.properties.items():
            for path in [(key,), *((key, inner) for inner in schema.get("properties", {}))]:
                readers.setdefault(path, []).append(name)
    return readers


def misplaced_keys(framing: str, response: dict[str, Any]) -> list[tuple[KeyPath, str]]:
    """Keys written under ``response`` that another framing reads but ``framing`` does not.

    Each comes with the message that says which framings read it. Keys no framing reads are
    the schema's to report.
    """
    readers = _readers()

    def problem(path: KeyPath) -> str | None:
        names = readers.get(path, [])
        if not names or framing in names:
            return None
        who = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
        return f"only for framing {who}, not {framing}"

    misplaced: list[tuple[KeyPath, str]] = []
    for key, value in response.items():
        if (message := problem((key,))) is not None:
            misplaced.append(((key,), message))  # a section once, not once per key in it
        elif isinstance(value, dict):
            for inner in value:
                if (message := problem((key, inner))) is not None:
                    misplaced.append(((key, inner), message))
    return misplaced
