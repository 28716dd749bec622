"""The spec a capture becomes, before it is written: what was inferred, and what was not."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ._captured import CapturedExchange

__all__ = ["Call", "Comments", "Draft", "DraftParameter", "DraftResponse", "DraftStep", "Secrets"]

KeyPath = tuple[str, ...]


@dataclass
class Comments:
    """Comments to write above keys of the spec (``("request", "body", "sig")``), and the notes
    ``new`` prints: what was inferred, and what it could not decide."""

    at: dict[KeyPath, list[str]] = field(default_factory=dict)
    inferred: list[str] = field(default_factory=list)
    undecided: list[str] = field(default_factory=list)

    def add(self, path: KeyPath, text: str, *, undecided: bool = False) -> None:
        """A comment at ``path``, and a note of it (an undecided one when told)."""
        self.at.setdefault(path, []).append(text)
        (self.undecided if undecided else self.inferred).append(f"{'.'.join(path)}: {text}")


@dataclass
class Secrets:
    """The environment variables a capture's secrets became, and each secret's value."""

    prefix: str
    values: dict[str, str] = field(default_factory=dict)
    """Each secret's captured value, by the name it is redacted as (``OPENAI_API_KEY``,
    ``nonce``): none is written into the spec, and the recording has ``<NAME>`` for each."""
    env: list[str] = field(default_factory=list)

    def variable(self, suffix: str, value: str) -> str:
        """``${env.PREFIX_SUFFIX}`` for ``value`` (a name of its own for each new value)."""
        for name, known in self.values.items():
            if known == value and name in self.env:
                return f"${{env.{name}}}"
        name = f"{self.prefix}_{suffix}"
        number = 2
        while name in self.values:
            name, number = f"{self.prefix}_{suffix}_{number}", number + 1
        self.values[name] = value
        self.env.append(name)
        return f"${{env.{name}}}"

    def taken(self, name: str, value: str) -> None:
        """A value a step takes from an answer: a secret of the call (``<name>``)."""
        self.values[name] = value


@dataclass(frozen=True)
class DraftParameter:
    name: str
    type: str
    description: str


@dataclass
class Call:
    """The call that makes the provider send the captured request."""

    model: str = ""
    messages: list[dict[str, str]] = field(default_factory=list)
    kwargs: dict[str, Any] = field(default_factory=dict)


@dataclass
class DraftStep:
    name: str
    request: dict[str, Any]
    take: dict[str, dict[str, Any]]
    exchange: CapturedExchange


@dataclass
class DraftResponse:
    """``response`` as a mapping, and the answer's text the capture holds."""

    section: dict[str, Any]
    text: str


@dataclass
class Draft:
    module: str
    class_name: str
    site: str
    request: dict[str, Any]
    response: dict[str, Any] | None
    call: Call
    comments: Comments
    secrets: Secrets
    parameters: list[DraftParameter] = field(default_factory=list)
    steps: list[DraftStep] = field(default_factory=list)
    text: str | None = None
    """The captured answer's text (None for a request alone, "Copy as cURL")."""
    exchange: CapturedExchange | None = None
    """The streamed request and its answer (None for a request alone)."""
