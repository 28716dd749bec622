"""A WebSocket answer against a real WebSocket server on 127.0.0.1: the handshake's headers,
what is sent once connected, records split at a separator, pings answered, the socket closed on
the end, on an error and when the caller stops; a refused or redirected handshake."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from aiohttp import WSMsgType, web

from generator.runtime._config import Timeouts
from generator.runtime._endpoint import Endpoint
from generator.runtime._exceptions import (
    AuthenticationError,
    IdleTimeoutError,
    IncompleteStreamError,
    RedirectError,
    ServerReportedError,
)
from generator.runtime._framings import WebSocketFraming
from generator.runtime._websocket import Wait

from ..upstreams import serving
from .compiled import compiled_rules

SEPARATOR = "\x1e"
RULES = compiled_rules(
    {
        "delta": "$.arguments[0].text",
        "cumulative": "error",
        "filter": {"path": "$.type", "equals": 1},
        "stop": {"path": "$.type", "equals": 2},
        "error": {"message": "$.error"},
    }
)


def update(text: str) -> str:
    return json.dumps({"type": 1, "arguments": [{"text": text}]}) + SEPARATOR


@dataclass
class SocketServer:
    """Greets, notes what the client sends, then sends ``script`` (texts; a float: a pause)."""

    script: list[str | float]
    hang_up: bool = False
    """Close the socket after the script, rather than wait for the client to."""
    received: list[str] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)
    closed: asyncio.Event = field(default_factory=asyncio.Event)

    async def handle(self, request: web.BaseRequest) -> web.StreamResponse:
        self.headers = dict(request.headers)
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        try:
            self.received.append((await socket.receive()).data)  # the greeting
            await socket.send_str("{}" + SEPARATOR)
            self.received.append((await socket.receive()).data)  # the question
            for step in self.script:
                if isinstance(step, float):
                    await asyncio.sleep(step)
                else:
                    await socket.send_str(step)
            if self.hang_up:
                await socket.close()
            async for message in socket:  # until the client closes
                if message.type is WSMsgType.TEXT:
                    self.received.append(message.data)
        finally:
            self.closed.set()
        return socket


def socket_stream(url: str, framing: WebSocketFraming | None = None, **options: Any) -> Any:
    endpoint = Endpoint(
        "Probe", "GET", url, framing or WebSocketFraming(RULES, separator=SEPARATOR)
    )
    call = endpoint.call(**options)
    sends = ('{"protocol":"json","version":1}', Wait(1), '{"type":4,"q":"Hi"}')
    headers = {"X-Client": "probe"}
    return call.answer(lambda: call.websocket(endpoint, headers, sends))


ANSWER = [
    update("Hel") + '{"type": 6}' + SEPARATOR,
    update("Hello"),
    json.dumps({"type": 3}) + SEPARATOR + update("Hello!"),
    json.dumps({"type": 2}) + SEPARATOR,
]


async def test_a_socket_answer_is_read_record_by_record() -> None:
    server = SocketServer(list(ANSWER))
    async with serving(server.handle) as base_url:
        deltas = [delta async for delta in socket_stream(f"{base_url}/hub")]
        await asyncio.wait_for(server.closed.wait(), 5)
    assert deltas == ["Hel", "lo", "!"]
    assert server.headers["X-Client"] == "probe"
    assert server.received == [
        '{"protocol":"json","version":1}' + SEPARATOR,
        '{"type":4,"q":"Hi"}' + SEPARATOR,
    ]


async def test_pings_are_answered_and_never_read() -> None:
    framing = WebSocketFraming(RULES, separator=SEPARATOR, replies={"ping!": "pong!"})
    server = SocketServer(["ping!", *ANSWER])
    async with serving(server.handle) as base_url:
        text = await socket_stream(f"{base_url}/hub", framing).text()
        await asyncio.wait_for(server.closed.wait(), 5)
    assert text == "Hello!"
    assert server.received[-1] == "pong!"


async def test_a_socket_closed_before_the_stop_is_a_truncated_answer() -> None:
    server = SocketServer(ANSWER[:2], hang_up=True)
    async with serving(server.handle) as base_url:
        deltas: list[str] = []
        with pytest.raises(IncompleteStreamError):
            async for delta in socket_stream(f"{base_url}/hub"):
                deltas.append(delta)
    assert deltas == ["Hel", "lo"]


async def test_a_socket_closed_before_the_question_is_a_truncated_answer() -> None:
    async def hang_up(request: web.BaseRequest) -> web.StreamResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        await socket.receive()  # the greeting, then nothing: the wait sees the socket close
        await socket.close()
        return socket

    async with serving(hang_up) as base_url:
        with pytest.raises(IncompleteStreamError):
            await socket_stream(f"{base_url}/hub").text()


async def test_an_error_record_is_the_servers_error() -> None:
    server = SocketServer([update("Hi"), json.dumps({"error": "throttled"}) + SEPARATOR])
    async with serving(server.handle) as base_url:
        with pytest.raises(ServerReportedError, match="throttled"):
            await socket_stream(f"{base_url}/hub").text()
        await asyncio.wait_for(server.closed.wait(), 5)


async def test_a_silent_socket_ends_at_the_idle_timeout_and_is_closed() -> None:
    server = SocketServer([update("Hi"), 30.0])
    async with serving(server.handle) as base_url:
        stream = socket_stream(f"{base_url}/hub", timeout=Timeouts(idle=0.3), max_retries=0)
        with pytest.raises(IdleTimeoutError):
            await stream.text()
        await asyncio.wait_for(server.closed.wait(), 5)


async def test_a_caller_that_stops_early_closes_the_socket() -> None:
    server = SocketServer([update("Hi"), 30.0])
    async with serving(server.handle) as base_url:
        stream = socket_stream(f"{base_url}/hub")
        assert await stream.__anext__() == "Hi"
        await stream.aclose()
        await asyncio.wait_for(server.closed.wait(), 5)


Handshake = Callable[[web.BaseRequest], Awaitable[web.StreamResponse]]


async def test_a_refused_handshake_is_the_statuss_error() -> None:
    async def refuse(request: web.BaseRequest) -> web.StreamResponse:
        return web.Response(status=401, text="who are you")

    async with serving(refuse) as base_url:
        with pytest.raises(AuthenticationError):
            await socket_stream(f"{base_url}/hub").text()


async def test_a_redirected_handshake_is_never_followed() -> None:
    seen: list[str] = []

    async def redirect(request: web.BaseRequest) -> web.StreamResponse:
        seen.append(request.path)
        return web.Response(status=302, headers={"Location": "/elsewhere?key=abc"})

    async with serving(redirect) as base_url:
        with pytest.raises(RedirectError) as caught:
            await socket_stream(f"{base_url}/hub").text()
    assert seen == ["/hub"]
    assert "abc" not in str(caught.value)
