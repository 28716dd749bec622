"""A call is a flow of exchanges: every attempt passes through the endpoint's ``Auth``, which
sees the exact body bytes, and the attempts share the call's cookie jar and retry budget.

Against a real server on 127.0.0.1: what it received is what was sent.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import pytest
from aiohttp import web

from generator.runtime._auth import Auth, Request
from generator.runtime._endpoint import Endpoint
from generator.runtime._exceptions import ServerError
from generator.runtime._framings import SSEFraming

from ..reading import compiled_rules
from ..upstreams import serving

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

    async def auth_flow(self, request: Request) -> None:
        self.attempts += 1
        digest = hashlib.sha256(request.body).hexdigest()
        request.headers["X-Signature"] = f"{self.attempts}:{digest}"


def endpoint(url: str, auth: Auth | None = None) -> Endpoint:
    framing = SSEFraming(rules=compiled_rules({"delta": "$.t"}), stop_data="[DONE]")
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
