"""Upstream servers of the tests' own, on 127.0.0.1, for what no recording can show."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from aiohttp import web

__all__ = [
    "DELTA_TEXT",
    "HELD_TEXT",
    "HeldUpstream",
    "StallingUpstream",
    "answering_upstream",
    "held_upstream",
    "serving",
    "stalling_upstream",
]

DELTA_TEXT = "Hel"
"""The text of the one delta a stalling upstream sends."""

_DELTA = {"choices": [{"index": 0, "delta": {"content": DELTA_TEXT}, "finish_reason": None}]}

HELD_TEXT = f"{DELTA_TEXT}lo"
"""The whole text of a held upstream's answer."""


class StallingUpstream:
    """Sends one delta in OpenAI's chunk format (nothing at all on a path under ``/silent``),
    then waits until its client goes away, noting when: its handler is cancelled then."""

    def __init__(self) -> None:
        self.started = asyncio.Event()
        """Set once the delta is sent (once the request came, under ``/silent``)."""
        self.closed = asyncio.Event()
        """Set once the client has gone away."""
        self.closed_at: float | None = None
        """When the client went away, by ``time.monotonic()``."""

    async def handle(self, request: web.BaseRequest) -> web.StreamResponse:
        """The stalling answer: it ends only by being cancelled."""
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        try:
            if not request.path.startswith("/silent"):
                await response.prepare(request)
                await response.write(f"data: {json.dumps(_DELTA)}\n\n".encode())
            self.started.set()
            await asyncio.Event().wait()
        finally:
            self.closed_at = time.monotonic()
            self.closed.set()
        return response


@asynccontextmanager
async def stalling_upstream() -> AsyncIterator[tuple[StallingUpstream, str]]:
    """A stalling upstream on a free port, with handler cancellation on: it and its base URL."""
    upstream = StallingUpstream()
    async with serving(upstream.handle) as base_url:
        yield upstream, base_url


class HeldUpstream:
    """Answers in OpenAI's chunk format: one delta, then, once :attr:`release` is set, the
    rest of HELD_TEXT and ``[DONE]``: a stream that is running for as long as a test needs."""

    def __init__(self) -> None:
        self.started = asyncio.Event()
        """Set once the first delta is sent."""
        self.release = asyncio.Event()
        """Set it to end the answers."""

    async def handle(self, request: web.BaseRequest) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        await response.write(f"data: {json.dumps(_DELTA)}\n\n".encode())
        self.started.set()
        await self.release.wait()
        rest = {"choices": [{"index": 0, "delta": {"content": HELD_TEXT[len(DELTA_TEXT) :]}}]}
        await response.write(f"data: {json.dumps(rest)}\n\ndata: [DONE]\n\n".encode())
        return response


@asynccontextmanager
async def held_upstream() -> AsyncIterator[tuple[HeldUpstream, str]]:
    """A held upstream on a free port: it and its base URL."""
    upstream = HeldUpstream()
    async with serving(upstream.handle) as base_url:
        yield upstream, base_url


@asynccontextmanager
async def answering_upstream(body: bytes) -> AsyncIterator[tuple[list[web.BaseRequest], str]]:
    """An upstream answering every request with the event stream ``body``: the requests it
    was sent, and its base URL."""
    seen: list[web.BaseRequest] = []

    async def answer(request: web.BaseRequest) -> web.Response:
        seen.append(request)
        await request.read()
        return web.Response(body=body, content_type="text/event-stream")

    async with serving(answer) as base_url:
        yield seen, base_url


@asynccontextmanager
async def serving(
    handler: Callable[[web.BaseRequest], Awaitable[web.StreamResponse]],
) -> AsyncIterator[str]:
    """``handler`` serving on a free port of 127.0.0.1, handlers cancelled when their client
    goes away: its base URL."""
    runner = web.ServerRunner(web.Server(handler, handler_cancellation=True))
    await runner.setup()
    try:
        await web.TCPSite(runner, "127.0.0.1", 0).start()
        yield f"http://127.0.0.1:{runner.addresses[0][1]}"
    finally:
        await runner.cleanup()
