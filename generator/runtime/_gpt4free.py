"""gpt4free's view of a generated provider: the class its clients take as ``provider=``.

gpt4free (the ``g4f`` package) calls a provider class's ``create_completion`` (its ``Client``)
or ``create_async_generator`` (its ``AsyncClient``) with ``stream=``, its own keyword arguments
(``api_key``, ``provider``, ``media``, ...) and its caller's, and reads the class attributes
below; ``docs/gpt4free.md`` lists each, with its test. ``gpt4free_provider(OpenaiChat)`` is
that class for a generated provider: it passes on only the keyword arguments the provider
declares, and the provider itself stays as it was generated::

    from g4f.client import Client
    from generated import gpt4free_provider
    from generated.openai_chat import OpenaiChat

    Client().chat.completions.create(provider=gpt4free_provider(OpenaiChat), ...)
"""

from __future__ import annotations

import asyncio
import functools
import inspect
from collections.abc import Iterator, Sequence
from typing import Any, ClassVar

from ._messages import Message
from ._provider import AsyncGeneratorProvider
from ._stream import TextStream

__all__ = ["Gpt4freeProvider", "gpt4free_provider"]


class Gpt4freeProvider:
    """The base of the classes :func:`gpt4free_provider` makes: one generated provider as
    gpt4free calls and reads it."""

    provider: ClassVar[type[AsyncGeneratorProvider]]
    """The generated provider the calls go to."""
    arguments: ClassVar[frozenset[str]]
    """The keyword arguments its ``create_async_generator`` declares: all that is passed on."""
    url: ClassVar[str]
    working: ClassVar[bool]
    supports_stream: ClassVar[bool]
    default_model: ClassVar[str | None]
    models: ClassVar[tuple[str, ...]]
    needs_auth: ClassVar[bool] = False
    """gpt4free reads it before each call, to look up an ``api_key`` these do not take: a spec
    reads its secrets from the environment variables it names."""
    use_stream_timeout: ClassVar[bool] = True
    """Tells gpt4free's ``AsyncClient`` to time each streamed chunk by its own ``stream_timeout``,
    leaving ``timeout`` to the provider (the whole call's, here)."""
    live: ClassVar[int] = 0
    """gpt4free's count on the class: one up for each answer with text, one down for each
    failure."""

    @classmethod
    def get_dict(cls) -> dict[str, str | None]:
        """The provider as gpt4free describes one (its client names the provider of an answer
        from it); the keys of gpt4free's own, with no display label."""
        return {"name": cls.provider.__name__, "url": cls.url, "label": None}

    @classmethod
    def create_async_generator(
        cls, model: str, messages: Sequence[Message], **kwargs: Any
    ) -> TextStream:
        """gpt4free's asynchronous call: the provider's stream, given only the keyword
        arguments it declares (``stream``, ``api_key`` and the rest of gpt4free's are dropped)."""
        provider: Any = cls.provider  # each declares its own signature
        stream: TextStream = provider.create_async_generator(
            model, messages, **cls._declared(kwargs)
        )
        return stream

    @classmethod
    def create_completion(
        cls, model: str, messages: Sequence[Message], stream: bool = False, **kwargs: Any
    ) -> Iterator[str]:
        """gpt4free's synchronous call: the answer's text deltas, from an event loop of its own.

        The answer is streamed whatever ``stream`` says (gpt4free joins the deltas itself).
        Nothing is sent until the first delta is asked for; closing the iterator early closes
        the connection. Like ``asyncio.run``, it cannot run in a thread whose event loop is
        running.
        """
        answer = cls.create_async_generator(model, messages, **kwargs)
        # A loop_factory keeps the loop from becoming the thread's current one: the caller's
        # asyncio state is left as it was.
        with asyncio.Runner(loop_factory=asyncio.new_event_loop) as runner:
            try:
                while True:
                    try:
                        yield runner.run(answer.__anext__())
                    except StopAsyncIteration:
                        return
            finally:
                runner.run(answer.aclose())

    @classmethod
    def _declared(cls, kwargs: dict[str, Any]) -> dict[str, Any]:
        return {name: value for name, value in kwargs.items() if name in cls.arguments}


@functools.cache
def gpt4free_provider(provider: type[AsyncGeneratorProvider]) -> type[Gpt4freeProvider]:
    """The class gpt4free's clients take as ``provider=`` for ``provider``: named as it is,
    made once (gpt4free counts answers on it), passing on the keyword arguments it declares."""
    generated: Any = provider  # each declares its own signature
    signature = inspect.signature(generated.create_async_generator)
    arguments = frozenset(
        name for name, each in signature.parameters.items() if each.kind is each.KEYWORD_ONLY
    )
    attributes = {
        "__doc__": f"{provider.__name__} as gpt4free's clients call it.",
        "__qualname__": f"gpt4free_provider({provider.__name__})",
        "provider": provider,
        "arguments": arguments,
        "url": provider.url,
        "working": provider.working,
        "supports_stream": provider.supports_stream,
        "default_model": provider.default_model,
        "models": provider.models,
    }
    return type(provider.__name__, (Gpt4freeProvider,), attributes)
