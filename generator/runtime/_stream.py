"""The object a provider returns: the answer as an async iterator of text deltas."""

from __future__ import annotations

from collections.abc import AsyncGenerator, Awaitable, Generator
from types import TracebackType
from typing import Any

__all__ = ["TextStream"]


class TextStream:
    """The answer, streamed: ``async for delta in stream``.

    Nothing is sent until iteration starts. Awaiting the stream gives the stream itself, so the
    form in gpt4free's documentation, ``async for t in await Provider.create_async_generator(...)``,
    works too. Leaving ``async with stream:`` or calling :meth:`aclose` closes the response (and
    any session the provider opened) at once; so does cancelling the task that iterates.
    """

    __slots__ = ("_deltas",)

    def __init__(self, deltas: AsyncGenerator[str, None]) -> None:
        self._deltas = deltas

    def __aiter__(self) -> TextStream:
        return self

    def __anext__(self) -> Awaitable[str]:
        return self._deltas.__anext__()

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
        """Stop streaming and release the connection now."""
        await self._deltas.aclose()

    async def text(self) -> str:
        """Read the whole answer and return it as one string."""
        return "".join([delta async for delta in self])
