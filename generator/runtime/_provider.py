"""The base class of every generated provider: its class attributes, and how it is called."""

from __future__ import annotations

from typing import ClassVar

__all__ = ["CALL_OPTIONS", "AsyncGeneratorProvider"]

CALL_OPTIONS = ("session", "proxy", "timeout", "base_url", "max_retries")
"""The keyword arguments every ``create_async_generator`` takes besides the spec's parameters:
how the call is made, never what it sends."""


class AsyncGeneratorProvider:
    """A provider whose ``create_async_generator`` streams an answer as text deltas.

    Each generated subclass sets these attributes from its spec and defines
    ``create_async_generator(model, messages, **options) -> TextStream`` with the spec's
    parameters as typed keyword arguments and the :data:`CALL_OPTIONS`.
    """

    description: ClassVar[str] = ""
    url: ClassVar[str]
    working: ClassVar[bool] = False
    supports_stream: ClassVar[bool] = True
    supports_gpt_35_turbo: ClassVar[bool] = False
    supports_gpt_4: ClassVar[bool] = False
    supports_message_history: ClassVar[bool] = True
    default_model: ClassVar[str | None] = None
    models: ClassVar[tuple[str, ...]] = ()
