"""A client that goes away cancels the upstream call at once.

The upstream sends one delta and then nothing, and notes the moment its handler is cancelled,
which aiohttp does when the connection closes: the gateway must have closed it within a
second of the client's going.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncGenerator, AsyncIterator

import aiohttp
import pytest

import generated.codelink_ava
from generated import TextStream
from generated._runtime._stream import StreamItem

from ..upstreams import DELTA_TEXT, StallingUpstream, stalling_upstream
from .conftest import USER, serving


@pytest.fixture
async def upstream() -> AsyncIterator[tuple[StallingUpstream, str]]:
    async with stalling_upstream() as started:
        yield started


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
            delta = await response.content.readuntil(b"\n\n")
            assert f'"content":"{DELTA_TEXT}"'.encode() in delta
            await asyncio.sleep(0.1)
            gone = time.monotonic()
            response.close()
        else:
            await asyncio.sleep(0.1)
            gone = time.monotonic()
            request.cancel()
        await session.close()  # the client's connection is closed with it
        assert await closed_within_a_second(stalling, gone) < 1.0


async def test_without_handler_cancellation_a_client_gone_mid_stream_is_no_error(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # aiohttp's own gunicorn worker cancels no handler: the gateway learns that the client
    # went away from its next write, and ends the stream there, quietly.
    closed = asyncio.Event()

    async def batches() -> AsyncGenerator[list[StreamItem], None]:
        try:
            while True:
                yield ["Hi"]
                await asyncio.sleep(0.01)
        finally:
            closed.set()

    def create(model: str, messages: object, **options: object) -> TextStream:
        return TextStream(batches())

    monkeypatch.setattr(generated.codelink_ava.CodeLinkAva, "create_async_generator", create)
    body = {"model": "CodeLinkAva", "messages": USER, "stream": True}
    async with serving(handler_cancellation=False) as url:
        async with aiohttp.ClientSession() as session:
            response = await session.post(f"{url}/v1/chat/completions", json=body)
            assert await response.content.readuntil(b"\n\n")  # the role chunk
            assert b'"content":"Hi"' in await response.content.readuntil(b"\n\n")
            response.close()
        await asyncio.wait_for(closed.wait(), 5.0)
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []
