"""Computed values: a spec's ``values``, each one function of a closed set, computed once per
call and used as ``${name}`` wherever it is needed. Nothing here is code from a spec: each
function is emitted as the standard library's call (``hashlib``, ``hmac``, ``random``, ...).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ._request_template import BodyTemplate, placeholders_in
from ._templates import ITEM_PLACEHOLDERS, TemplateString

__all__ = [
    "Digest",
    "Encoded",
    "Function",
    "Hmac",
    "JsonText",
    "LastMessage",
    "Length",
    "MessagesBefore",
    "Pick",
    "PromptLines",
    "RandomInteger",
    "RandomText",
    "Reversed",
    "Table",
    "Text",
    "TimeNow",
    "Today",
    "Uuid",
    "Value",
]

Encoding = Literal["hex", "base64"]


@dataclass(frozen=True)
class Text:
    """The text of a template."""

    text: TemplateString


@dataclass(frozen=True)
class Digest:
    """A hash of a text's UTF-8 bytes: ``sha256``, ``sha1`` or ``md5``, in hex or base64."""

    algorithm: Literal["sha256", "sha1", "md5"]
    text: TemplateString
    encoding: Encoding


@dataclass(frozen=True)
class Hmac:
    """An HMAC-SHA256 of a text under a key, in hex or base64."""

    text: TemplateString
    key: TemplateString
    encoding: Encoding


@dataclass(frozen=True)
class Encoded:
    """A text's UTF-8 bytes in base64."""

    text: TemplateString


@dataclass(frozen=True)
class Reversed:
    """A text backwards."""

    text: TemplateString


@dataclass(frozen=True)
class Length:
    """How many characters a text has (an integer)."""

    text: TemplateString


@dataclass(frozen=True)
class RandomText:
    """``length`` characters drawn from ``alphabet``."""

    alphabet: str
    length: int


@dataclass(frozen=True)
class RandomInteger:
    """An integer from ``low`` to ``high``, both included."""

    low: int
    high: int


@dataclass(frozen=True)
class Pick:
    """One of ``choices``, drawn at random."""

    choices: tuple[str, ...]


@dataclass(frozen=True)
class Today:
    """The date and time as ``strftime`` formats it, in UTC or local time."""

    format: str
    zone: Literal["utc", "local"]


@dataclass(frozen=True)
class TimeNow:
    """Unix time, in whole seconds or milliseconds (an integer)."""

    unit: Literal["seconds", "milliseconds"]


@dataclass(frozen=True)
class Uuid:
    """A random UUID, as text."""


@dataclass(frozen=True)
class JsonText:
    """A value (a body template: a mapping, a list, a placeholder) as JSON text."""

    value: BodyTemplate
    compact: bool
    """Without spaces after separators; else as ``json.dumps`` writes by default."""


@dataclass(frozen=True)
class Table:
    """The entry of ``entries`` at ``key`` (by default the model); an entry may be any JSON.

    Without ``default``, a key the table lacks is a ``ConfigurationError`` naming the keys.
    """

    key: TemplateString
    entries: tuple[tuple[str, object], ...]
    default: object
    has_default: bool


@dataclass(frozen=True)
class MessagesBefore:
    """The messages but the last: the history before the newest."""


@dataclass(frozen=True)
class LastMessage:
    """The text of the last message, or of the last message of ``role``."""

    role: str | None


@dataclass(frozen=True)
class PromptLines:
    """The messages as one text: a line each (``${role}`` renamed, ``${content}``), joined by
    ``separator``, then ``end``."""

    line: TemplateString
    separator: str
    end: str
    roles: tuple[tuple[str, str], ...]


Function = (
    Text
    | Digest
    | Hmac
    | Encoded
    | Reversed
    | Length
    | RandomText
    | RandomInteger
    | Pick
    | Today
    | TimeNow
    | Uuid
    | JsonText
    | Table
    | MessagesBefore
    | LastMessage
    | PromptLines
)


@dataclass(frozen=True)
class Value:
    """A value of the spec's ``values``: its name, and the function that computes it."""

    name: str
    function: Function
    after_step: int = -1
    """The index of the last step whose values it uses (-1: none): it is computed right after
    that step, before the steps that come later."""

    def templates(self) -> list[BodyTemplate]:
        """The templates the function computes from (TemplateStrings and body templates),
        whose placeholders it uses; a prompt's line uses ``${role}`` and ``${content}`` of its
        own besides."""
        function = self.function
        if isinstance(function, Text | Digest | Encoded | Reversed | Length):
            return [function.text]
        if isinstance(function, Hmac):
            return [function.text, function.key]
        if isinstance(function, JsonText):
            return [function.value]
        if isinstance(function, Table):
            return [function.key]
        if isinstance(function, PromptLines):
            return [function.line]
        return []

    @property
    def may_be_absent(self) -> bool:
        """Whether it may have no value (a table whose default is null): then it is left out
        where it stands, as an optional parameter left None is."""
        function = self.function
        return isinstance(function, Table) and function.has_default and function.default is None

    def placeholders(self) -> set[str]:
        """The names of the placeholders its templates use (a prompt's own ``${role}`` and
        ``${content}`` aside)."""
        used: set[str] = set()
        for template in self.templates():
            used |= placeholders_in(template)
        if isinstance(self.function, PromptLines):
            used -= set(ITEM_PLACEHOLDERS)
        return used
