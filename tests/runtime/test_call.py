"""A call is a flow of exchanges: every attempt passes through the endpoint's ``Auth``, which
sees the exact body bytes, and the attempts share the call's session, its cookie jar, its
deadline and its retry budget.

Against a real server on 127.0.0.1: what it received is what was sent.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import AsyncGenerator
from dataclasses import dataclass, field

import aiohttp
import pytest
from aiohttp import web

from generator.runtime._auth import Auth, Request, Response
from generator.runtime._endpoint import Endpoint
from generator.runtime._exceptions import (
    AuthenticationError,
    ProviderConnectionError,
    ServerError,
    TotalTimeoutError,
)
from generator.runtime._framings import SSEFraming

from ..upstreams import DELTA_TEXT, serving, stalling_upstream
from .compiled import compiled_rules

SSE_DONE = b'data: {"t": "ok"}\n\ndata: [DONE]\n\n'


@dataclass
class Received:
    """What one request brought the server: its headers and body."""

    headers: dict[str, str]
    body: bytes


@dataclass
class FlakyServer:
    """Answers 503 (setting a cookie) ``failures`` times, then the stream."""

    failures: int
    received: list[Received] = field(default_factory=list)

    async def handle(self, request: web.BaseRequest) -> web.Response:
        self.received.append(Received(dict(request.headers), await request.read()))
        if len(self.received) <= self.failures:
            response = web.Response(status=503, text="busy")
            response.set_cookie("attempt", str(len(self.received)))
            return response
        return web.Response(body=SSE_DONE, content_type="text/event-stream")


class BodySignature(Auth):
    """Signs each attempt: a hash of the exact body bytes and the attempt's number."""

    def __init__(self) -> None:
        self.attempts = 0

    async def auth_flow(self, request: Request) -> AsyncGenerator[Request, Response]:
        self.attempts += 1
        digest = hashlib.sha256(request.body).hexdigest()
        request.headers["X-Signature"] = f"{self.attempts}:{digest}"
        yield request


def endpoint(url: str, auth: Auth | None = None, delta: str = "$.t") -> Endpoint:
    framing = SSEFraming(rules=compiled_rules({"delta": delta}), stop_data="[DONE]")
    return Endpoint("Probe", "POST", url, framing, auth=auth)


async def test_auth_signs_the_exact_body_bytes_on_every_attempt_retries_included() -> None:
    server = FlakyServer(failures=2)
    signature = BodySignature()
    async with serving(server.handle) as base_url:
        url = f"{base_url}/chat"
        body = {"prompt": "héllo", "n": 1}
        text = await endpoint(url, signature).stream({}, body).text()
    assert text == "ok"
    assert signature.attempts == 3
    for number, received in enumerate(server.received, start=1):
        expected = f"{number}:{hashlib.sha256(received.body).hexdigest()}"
        assert received.headers["X-Signature"] == expected
    assert {received.body for received in server.received} == {b'{"prompt": "h\\u00e9llo", "n": 1}'}


async def test_the_attempts_of_a_call_share_its_cookie_jar() -> None:
    server = FlakyServer(failures=1)
    async with serving(server.handle) as base_url:
        url = f"{base_url}/chat"
        assert await endpoint(url).stream({}, {}).text() == "ok"
    first, second = server.received
    assert "Cookie" not in first.headers
    assert second.headers["Cookie"] == "attempt=1"


async def test_a_new_call_starts_with_an_empty_jar() -> None:
    server = FlakyServer(failures=1)
    async with serving(server.handle) as base_url:
        url = f"{base_url}/chat"
        provider = endpoint(url)
        assert await provider.stream({}, {}).text() == "ok"
        server.failures = 0
        assert await provider.stream({}, {}).text() == "ok"
    assert "Cookie" not in server.received[-1].headers


async def test_the_retry_budget_is_the_calls() -> None:
    server = FlakyServer(failures=5)
    signature = BodySignature()
    async with serving(server.handle) as base_url:
        url = f"{base_url}/chat"
        stream = endpoint(url, signature).stream({}, {}, max_retries=1)
        with pytest.raises(ServerError) as caught:
            await stream.text()
    assert caught.value.status == 503
    assert signature.attempts == len(server.received) == 2


class RefreshingToken(Auth):
    """A bearer token; after a 401, a new one and the request sent again, once."""

    def __init__(self) -> None:
        self.tokens = iter(["tok-expired-0001", "tok-fresh-0002"])
        self.statuses: list[int] = []

    async def auth_flow(self, request: Request) -> AsyncGenerator[Request, Response]:
        request.headers["Authorization"] = f"Bearer {next(self.tokens)}"
        response = yield request
        self.statuses.append(response.status)
        if response.status == 401:
            request.headers["Authorization"] = f"Bearer {next(self.tokens)}"
            yield request


async def test_auth_sends_again_with_a_fresh_token_after_a_401() -> None:
    seen: list[str] = []

    async def handle(request: web.BaseRequest) -> web.Response:
        seen.append(request.headers["Authorization"])
        if request.headers["Authorization"] != "Bearer tok-fresh-0002":
            return web.Response(status=401, text="expired")
        return web.Response(body=SSE_DONE, content_type="text/event-stream")

    auth = RefreshingToken()
    async with serving(handle) as base_url:
        assert await endpoint(f"{base_url}/chat", auth).stream({}, {}).text() == "ok"
    assert seen == ["Bearer tok-expired-0001", "Bearer tok-fresh-0002"]
    assert auth.statuses == [401]


async def test_what_auth_adds_never_reaches_an_error() -> None:
    async def echo(request: web.BaseRequest) -> web.Response:
        return web.Response(status=401, text=f"bad: {request.headers['Authorization']}")

    auth = RefreshingToken()
    async with serving(echo) as base_url:
        with pytest.raises(AuthenticationError) as caught:
            await endpoint(f"{base_url}/chat", auth).stream({}, {}, max_retries=0).text()
    assert "tok-" not in str(caught.value)
    assert "<AUTHORIZATION>" in str(caught.value)


class SlowAuth(Auth):
    async def auth_flow(self, request: Request) -> AsyncGenerator[Request, Response]:
        await asyncio.sleep(30)
        yield request


async def test_the_total_timeout_bounds_the_auth_too() -> None:
    server = FlakyServer(failures=0)
    async with serving(server.handle) as base_url:
        stream = endpoint(f"{base_url}/chat", SlowAuth()).stream({}, {}, timeout=0.2)
        started = asyncio.get_running_loop().time()
        with pytest.raises(TotalTimeoutError):
            await stream.text()
    assert asyncio.get_running_loop().time() - started < 5
    assert server.received == []


async def test_a_call_keeps_its_cookies_and_a_callers_session_as_its_jar_says() -> None:
    server = FlakyServer(failures=1)
    jar = aiohttp.DummyCookieJar()
    async with serving(server.handle) as base_url, aiohttp.ClientSession(cookie_jar=jar) as session:
        for _ in range(2):
            await endpoint(f"{base_url}/chat").stream({}, {}, session=session).text()
    # The retry of the first call carries what its first attempt was set; the second call,
    # over a session whose jar keeps nothing, starts with no cookie.
    assert ["Cookie" in received.headers for received in server.received] == [False, True, False]


async def test_aclose_releases_the_callers_connection_at_once() -> None:
    async with stalling_upstream() as (_, base_url), aiohttp.ClientSession() as session:
        openai = endpoint(f"{base_url}/chat", delta="$.choices[0].delta.content")
        stream = openai.stream({}, {}, session=session, timeout=30)
        assert await stream.__anext__() == DELTA_TEXT
        assert session.connector is not None
        await stream.aclose()
        assert not session.connector._acquired  # nothing waits for a finalizer


async def test_a_header_too_long_to_read_shows_no_part_of_a_secret() -> None:
    key = "sk-" + "K" * 40
    endpoint_with_key = Endpoint(
        "Probe",
        "POST",
        "http://127.0.0.1/chat",
        SSEFraming(rules=compiled_rules({"delta": "$.t"}), stop_data="[DONE]"),
    )

    async def echo(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read(65536)
        # aiohttp quotes the first hundred bytes of a line it cannot read: the key, cut.
        line = b"X-Echo: " + b"a" * 70 + key.encode() + b"a" * 9000
        writer.write(b"HTTP/1.1 200 OK\r\n" + line + b"\r\n\r\n")
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(echo, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        call = endpoint_with_key.call(base_url=f"http://127.0.0.1:{port}", max_retries=0)
        call.keep_secret(key, "KEY")
        stream = call.answer(lambda: call.streamed(endpoint_with_key, {}, {}))
        with pytest.raises(ProviderConnectionError) as caught:
            await stream.text()
    finally:
        server.close()
    assert "sk-KKKK" not in str(caught.value)
    assert "the answer is not valid HTTP" in str(caught.value)
