"""The typed description of one provider, made from a checked spec.

Code emission reads this and nothing else: every decision about the spec's meaning, the
differences between the spec format's versions included, is made before, by the reader.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from .._diagnostics import Positions
from ._auth import AuthSpec
from ._framing_specs import FramingSpec
from ._request_template import Request
from ._steps import StepSpec
from ._values import Value

__all__ = ["ProviderSpec", "RetrySettings", "TimeoutSettings"]


@dataclass(frozen=True)
class _Settings:
    def items(self) -> list[tuple[str, float | bool]]:
        """The settings the spec gives, by name; the others keep the runtime's defaults."""
        given = [(field.name, getattr(self, field.name)) for field in fields(self)]
        return [(name, value) for name, value in given if value is not None]


@dataclass(frozen=True)
class TimeoutSettings(_Settings):
    """The spec's timeouts in seconds; None keeps the runtime's default."""

    connect: float | None = None
    idle: float | None = None
    total: float | None = None


@dataclass(frozen=True)
class RetrySettings(_Settings):
    """The spec's retry policy; None keeps the runtime's default."""

    max_retries: int | None = None
    initial_backoff: float | None = None
    max_backoff: float | None = None
    silent_streams: bool | None = None


@dataclass(frozen=True)
class ProviderSpec:
    """Everything the generator knows about one provider."""

    source: str
    """The spec's path as generated headers and diagnostics show it."""
    class_name: str
    module: str
    description: str
    url: str
    working: bool
    supports_stream: bool
    supports_gpt_35_turbo: bool
    supports_gpt_4: bool
    supports_message_history: bool
    default_model: str | None
    models: tuple[str, ...]
    request: Request
    framing: FramingSpec
    values: tuple[Value, ...]
    """The computed values, in the order the spec gives them."""
    steps: tuple[StepSpec, ...]
    """The requests made before the streamed one, in order."""
    max_response_bytes: int | None
    timeouts: TimeoutSettings
    retries: RetrySettings
    auth: AuthSpec | None
    """What signs the streamed request beyond its headers; None: its headers alone."""
    positions: Positions = field(compare=False, repr=False)
    """Where each key was written, for diagnostics about the spec as a whole."""

    @property
    def served_models(self) -> tuple[str, ...]:
        """The models the spec names: its list, the default model first if the list lacks it."""
        if self.default_model is None or self.default_model in self.models:
            return self.models
        return (self.default_model, *self.models)
