"""A client that goes away cancels the upstream call at once.

The upstream sends one delta and then nothing, and notes the moment its handler is cancelled,
which aiohttp does when the connection closes: the gateway must have closed it within a
second of the client's going.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiohttp import web

from .conftest import HOST, USER, serving

DELTA = {"choices": [{"index": 0, "delta": {"content": "Hi"}, "finish_reason": None}]}


class StallingUpstream:
    """Answers with a delta (or with nothing, ``silent``), then stalls until cancelled."""

    def __init__(self) -> None:
        self.started = asyncio.Event()
        self.closed_at: float | None = None

    async def handle(self, request: web.BaseRequest) -> web.StreamResponse:
        try:
            if request.path.startswith("/silent"):
                self.started.set()
                await asyncio.Event().wait()
            response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
            await response.prepare(request)
            await response.write(f"data: {json.dumps(DELTA)}\n\n".encode())
            self.started.set()
            await asyncio.Event().wait()
        except asyncio.CancelledError:
            self.closed_at = time.monotonic()
            raise
        return response


@pytest.fixture
async def upstream() -> AsyncIterator[tuple[StallingUpstream, str]]:
    stalling = StallingUpstream()
    runner = web.ServerRunner(web.Server(stalling.handle, handler_cancellation=True))
    await runner.setup()
    await web.TCPSite(runner, HOST, 0).start()
    yield stalling, f"http://{HOST}:{runner.addresses[0][1]}"
    await runner.cleanup()


async def closed_within_a_second(stalling: StallingUpstream, since: float) -> float:
    """How long after ``since`` the upstream's connection closed; fails past a second."""
    deadline = since + 1.0
    while stalling.closed_at is None and time.monotonic() < deadline:
        await asyncio.sleep(0.01)
    assert stalling.closed_at is not None, "the upstream call outlived its client by 1 s"
    return stalling.closed_at - since


@pytest.mark.parametrize("route", ["talking", "silent"])
@pytest.mark.parametrize("stream", [True, False], ids=["stream", "whole"])
async def test_a_client_going_away_closes_the_upstream_call(
    upstream: tuple[StallingUpstream, str], route: str, stream: bool
) -> None:
    stalling, base = upstream
    body = {"model": "OpenaiChat", "messages": USER, "stream": stream}
    async with serving({"OpenaiChat": f"{base}/{route}"}) as url:
        session = aiohttp.ClientSession()
        request = asyncio.ensure_future(session.post(f"{url}/v1/chat/completions", json=body))
        await stalling.started.wait()
        if stream and route == "talking":
            response = await request
            assert await response.content.readuntil(b"\n\n")  # the role chunk has come
            assert b'"content":"Hi"' in await response.content.readuntil(b"\n\n")
            await asyncio.sleep(0.1)
            gone = time.monotonic()
            response.close()
        else:
            await asyncio.sleep(0.1)
            gone = time.monotonic()
            request.cancel()
        await session.close()  # the client's connection is closed with it
        assert await closed_within_a_second(stalling, gone) < 1.0
