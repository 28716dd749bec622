# Generated from generator/runtime/_provider.py by `python -m generator build`: do not edit by hand.
# A copy of the generator's runtime: edit its source, then regenerate.
"""The base class of every generated provider, with what gpt4free's client expects of a provider.

gpt4free (the ``g4f`` package) takes a provider class as ``provider=`` in
``Client().chat.completions.create(...)``: its ``Client`` calls ``create_completion`` and its
``AsyncClient`` calls ``create_async_generator``, passing ``stream=`` and its own keyword
arguments, and reads the class attributes below. ``docs/gpt4free.md`` lists each, with its test.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import sys
from collections.abc import Callable, Iterator, Sequence
from types import FrameType
from typing import Any, ClassVar

from ._messages import Message
from ._stream import TextStream

__all__ = ["CALL_OPTIONS", "AsyncGeneratorProvider"]

CALL_OPTIONS = ("session", "proxy", "timeout", "base_url", "max_retries")
"""The keyword arguments every ``create_async_generator`` takes besides the spec's parameters:
how the call is made, never what it sends."""

_CREATE = "create_async_generator"

_Create = Callable[..., TextStream]


class AsyncGeneratorProvider:
    """A provider whose ``create_async_generator`` streams an answer as text deltas.

    Each generated subclass sets these attributes from its spec and defines
    ``create_async_generator(model, messages, **options) -> TextStream`` with the spec's
    parameters as typed keyword arguments. Called from gpt4free's code (any module of the
    ``g4f`` package), it is given only the keyword arguments it declares: none of those
    gpt4free passes for itself (``stream``, ``api_key``, ...) reaches a body that merges
    undeclared ones.
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
    needs_auth: ClassVar[bool] = False
    """gpt4free reads it before each call, to look up an ``api_key`` these do not take: a spec
    reads its secrets from the environment variables it names."""
    use_stream_timeout: ClassVar[bool] = True
    """Tells gpt4free's ``AsyncClient`` to time each streamed chunk by its own ``stream_timeout``,
    leaving ``timeout`` to the provider (the whole call's, here)."""
    live: ClassVar[int] = 0
    """gpt4free's count on the class: one up for each answer with text, one down for each
    failure."""

    _gpt4free_arguments: ClassVar[frozenset[str]] = frozenset()
    """The keyword arguments the generated ``create_async_generator`` declares: all that is
    passed on of a call from gpt4free."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # gpt4free's AsyncClient calls the generated method itself, so that is where its calls
        # are told apart. Generated classes derive from this one directly; a subclass of one
        # that overrides the method reaches the generated one through super().
        create = cls.__dict__.get(_CREATE)
        if AsyncGeneratorProvider in cls.__bases__ and isinstance(create, classmethod):
            cls._gpt4free_arguments = _keyword_only(create.__func__)
            setattr(cls, _CREATE, classmethod(_taking_gpt4free_calls(create.__func__)))

    @classmethod
    def _declared(cls, kwargs: dict[str, Any]) -> dict[str, Any]:
        """Those of ``kwargs`` that the generated ``create_async_generator`` declares."""
        return {name: value for name, value in kwargs.items() if name in cls._gpt4free_arguments}

    @classmethod
    def get_dict(cls) -> dict[str, str | None]:
        """The provider as gpt4free describes one (its client names the provider of an answer
        from it); the keys of gpt4free's own, with no display label."""
        return {"name": cls.__name__, "url": cls.url, "label": None}

    @classmethod
    def create_completion(
        cls, model: str, messages: Sequence[Message], stream: bool = False, **kwargs: Any
    ) -> Iterator[str]:
        """gpt4free's synchronous call: the answer's text deltas, from an event loop of its own.

        Passes on only the keyword arguments ``create_async_generator`` declares; the answer is
        streamed whatever ``stream`` says (gpt4free joins the deltas itself). Nothing is sent
        until the first delta is asked for; closing the iterator early closes the connection.
        Like ``asyncio.run``, it cannot run in a thread whose event loop is running.
        """
        answer: TextStream = getattr(cls, _CREATE)(model, messages, **cls._declared(kwargs))
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


def _taking_gpt4free_calls(create: _Create) -> _Create:
    """``create`` (a generated ``create_async_generator``), also taking gpt4free's calls.

    gpt4free passes ``model`` and ``messages`` by name, and keyword arguments of its own with
    its caller's: of those, only what ``create`` declares is passed on. Anyone else's call is
    passed on as it is: a caller of the generated API may pass an undeclared name on purpose,
    for the body.
    """

    @functools.wraps(create)
    def create_async_generator(
        cls: type[AsyncGeneratorProvider],
        model: str,
        messages: Sequence[Message],
        **kwargs: Any,
    ) -> TextStream:
        if _called_from_gpt4free():
            kwargs = cls._declared(kwargs)
        return create(cls, model, messages, **kwargs)

    return create_async_generator


def _called_from_gpt4free() -> bool:
    """Whether the ``create_async_generator`` call under way comes from gpt4free's code.

    The caller is the first frame that is not a ``create_async_generator`` itself (a subclass's
    override, passing the call on through ``super()``); it is gpt4free's if its module is in
    the ``g4f`` package.
    """
    frame: FrameType | None = sys._getframe(2)  # 0 is this function, 1 the wrapper
    while frame is not None and frame.f_code.co_name == _CREATE:
        frame = frame.f_back
    module = "" if frame is None else str(frame.f_globals.get("__name__", ""))
    return module.partition(".")[0] == "g4f"


def _keyword_only(create: _Create) -> frozenset[str]:
    """The names of ``create``'s keyword-only parameters."""
    parameters = inspect.signature(create).parameters.values()
    return frozenset(each.name for each in parameters if each.kind is each.KEYWORD_ONLY)
