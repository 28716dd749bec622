"""The base class of every generated provider, with the attributes gpt4free providers declare."""

from __future__ import annotations

from typing import ClassVar

__all__ = ["AsyncGeneratorProvider"]


class AsyncGeneratorProvider:
    """A provider whose ``create_async_generator`` streams an answer as text deltas.

    Each generated subclass sets these attributes from its spec and defines
    ``create_async_generator(model, messages, **options) -> TextStream`` with the spec's
    parameters as typed keyword arguments.
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
