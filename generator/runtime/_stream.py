"""The object a provider returns: the answer as an async iterator of text deltas, and its events."""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterator, Callable, Generator, Iterator
from types import TracebackType
from typing import Any

from ._events import Finish, StreamEvent, TextDelta, Usage

__all__ = ["StreamItem", "TextStream"]

StreamItem = str | StreamEvent
"""What the runtime streams internally: text as plain ``str``, every other event as itself."""


class TextStream:
    """The answer, streamed: ``async for delta in stream``, or ``stream.events()`` for all events.

    Nothing is sent until iteration starts. Awaiting the stream gives the stream itself, so the
    form in gpt4free's documentation, ``async for t in await Provider.create_async_generator(...)``,
    works too. Leaving ``async with stream:`` or calling :meth:`aclose` closes the response (and
    any session the provider opened) at once; so does cancelling the task that iterates. As
    events pass, ``finish_reason`` and ``usage`` take what the server reported.
    """

    __slots__ = ("_batches", "_close", "_pending", "_secrets", "finish_reason", "usage")

    def __init__(
        self,
        batches: AsyncGenerator[list[StreamItem], None],
        close: Callable[[], None] | None = None,
        secrets: Callable[[], list[tuple[str, str]]] | None = None,
    ) -> None:
        self._batches = batches
        """What each read of the body brought: handing items over a read at a time costs one
        await per read instead of a stack of them per item."""
        self._pending: Iterator[StreamItem] = iter(())
        """The items of the last batch not yet handed out."""
        self._close = close
        """Closes the connection at once, whichever task is reading it."""
        self._secrets = secrets
        """What the call keeps out of what it shows, so far."""
        self.finish_reason: str | None = None
        """Why the answer ended, once the server has said so."""
        self.usage: Usage | None = None
        """The token counts the server reported, once it has."""

    def __aiter__(self) -> TextStream:
        return self

    async def __anext__(self) -> str:
        while True:
            for item in self._pending:
                if isinstance(item, str):
                    return item
                self._note(item)
            self._pending = iter(await self._batches.__anext__())

    def kept_secrets(self) -> list[tuple[str, str]]:
        """Each value the call keeps out of what it shows, with the name it is shown as: its
        variables', its secret arguments', and the values and cookies its exchanges took.

        For tooling that writes down an exchange (``python -m replay record``): read once the
        answer has ended, it has every value the call met.
        """
        return [] if self._secrets is None else self._secrets()

    def events(self) -> AsyncIterator[StreamEvent]:
        """Every event of the answer in arrival order: text, reasoning, tool calls, usage, finish.

        The stream is read once: iterate either this or the stream itself.
        """
        return self._events()

    async def _events(self) -> AsyncGenerator[StreamEvent, None]:
        while True:
            for item in self._pending:
                yield self._event(item)
            try:
                self._pending = iter(await self._batches.__anext__())
            except StopAsyncIteration:
                return

    def event_batches(self) -> AsyncIterator[list[StreamEvent]]:
        """The events of :meth:`events`, what each read of the body brought in one list (never
        empty): for a relay, which then writes them in one piece, as they came.

        The stream is read once: iterate this, :meth:`events` or the stream itself.
        """
        return self._event_batches()

    async def _event_batches(self) -> AsyncGenerator[list[StreamEvent], None]:
        while True:
            batch = [self._event(item) for item in self._pending]
            self._pending = iter(())
            if batch:
                yield batch
            try:
                self._pending = iter(await self._batches.__anext__())
            except StopAsyncIteration:
                return

    def _event(self, item: StreamItem) -> StreamEvent:
        """``item`` as an event: text as a TextDelta, any other noted (finish, usage)."""
        if isinstance(item, str):
            return TextDelta(item)
        self._note(item)
        return item

    def _note(self, event: StreamEvent) -> None:
        if isinstance(event, Finish):
            self.finish_reason = event.reason
        elif isinstance(event, Usage):
            self.usage = event if self.usage is None else self.usage.updated(event)

    def __await__(self) -> Generator[Any, None, TextStream]:
        return self._itself().__await__()

    async def _itself(self) -> TextStream:
        return self

    async def __aenter__(self) -> TextStream:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Stop streaming and release the connection now, from this task or any other.

        A task that is reading the stream meanwhile sees it end.
        """
        self._pending = iter(())  # not even the rest of the read being handed out
        try:
            await self._batches.aclose()
        except RuntimeError:  # being read by another task right now
            if self._close is None:
                raise
            self._close()

    async def text(self) -> str:
        """Read the whole answer and return it as one string."""
        return "".join([delta async for delta in self])
