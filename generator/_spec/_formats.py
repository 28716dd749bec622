"""The versions of the spec format: what each one adds, and the meanings that changed.

This is the one place a spec's ``version`` is read. The rest of the reader asks its
:class:`Format` whether a key or a form may be used (``allows``) and which meaning a form has;
the model it builds says the meaning outright, so the emitter never asks which version a spec
was written in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .._model import BUILTIN_PLACEHOLDERS
from ._schema_parts import Schema

__all__ = ["LATEST", "VERSION_SCHEMA", "Format", "format_of"]

LATEST = 3
"""The current version: what ``generator new`` writes, and what a spec with no valid version
is checked as."""

_ADDED_IN: dict[str, int] = {
    "a placeholder in the URL": 2,
    "request.messages": 2,
    "body_format": 2,
    "${system}": 2,
    "framing json_array": 2,
    "reasoning": 2,
    "tool_calls": 2,
    "finish_reason": 2,
    "usage": 2,
    "a list of error paths": 2,
    "a list of event types": 2,
    "error.field": 2,
    "values": 3,
    "steps": 3,
    "a placeholder in the host": 3,
    "a secret parameter": 3,
    "request.send": 3,
    "framing json": 3,
    "framing websocket": 3,
    "filter": 3,
    "error.when": 3,
    "cumulative": 3,
    "data": 3,
    "markers": 3,
    "framing aws_eventstream": 3,
    "auth": 3,
}
"""Each key or form a later version added, with the version that added it."""

VERSION_SCHEMA: Schema = {
    "enum": list(range(1, LATEST + 1)),
    "description": f"The spec format's version, 1 to {LATEST}; {LATEST} is the current one.",
}


@dataclass(frozen=True)
class Format:
    """The spec format of one spec: what it allows, and what its forms mean."""

    version: int

    def allows(self, feature: str) -> bool:
        """Whether ``feature`` (a key of ``_ADDED_IN``) may be used."""
        return self.version >= _ADDED_IN[feature]

    def needs(self, feature: str) -> str:
        """What to say of ``feature`` used where it is not allowed."""
        return f"{feature} needs version: {_ADDED_IN[feature]}"

    @property
    def placeholders(self) -> dict[str, str]:
        """The builtin placeholders, with what each stands for."""
        return {
            name: meaning
            for name, meaning in BUILTIN_PLACEHOLDERS.items()
            if f"${{{name}}}" not in _ADDED_IN or self.allows(f"${{{name}}}")
        }

    # The meanings and rules that changed with version 2; version 1 keeps its own.

    @property
    def requires_body(self) -> bool:
        """Whether a request must have a body (later: none is sent without one)."""
        return self.version < 2

    @property
    def refuses_get_body(self) -> bool:
        """Whether a GET with a body is refused (version 1 sends it)."""
        return self.version >= 2

    @property
    def requires_model_placeholder(self) -> bool:
        """Whether a spec that lists several models must use ``${model}``."""
        return self.version >= 2

    @property
    def leaves_out_list_items(self) -> bool:
        """Whether an optional value may be a whole list item, left out when it is absent
        (version 1 refuses one)."""
        return self.version >= 2

    @property
    def every_match(self) -> bool:
        """Whether every match of a JSONPath counts, wildcards compiled into loops (version 1
        takes the first match, and leaves wildcards to jsonpath-ng)."""
        return self.version >= 2

    @property
    def leaves_out_emptied(self) -> bool:
        """Whether a mapping or list that absent values alone leave empty is left out of the
        body (version 1 sends it empty)."""
        return self.version >= 2

    @property
    def reads_stop_events(self) -> bool:
        """Whether an SSE stop event's data is read for its events (version 1 ignores it)."""
        return self.version >= 2


def format_of(data: Any) -> Format:
    """The format of a spec's data; the latest when its version is missing or invalid (the
    schema reports that)."""
    version = data.get("version") if isinstance(data, dict) else None
    return Format(version if type(version) is int and 1 <= version <= LATEST else LATEST)
