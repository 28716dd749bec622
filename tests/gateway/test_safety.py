"""The gateway's safe defaults: its key, what it refuses to start with, and no secret out.

A provider's key is set in the gateway's environment and an upstream echoes it back in every
way it can (an error body, a status line's body, an error event mid-stream): no byte of any
answer may hold it, and the gateway's own key is never sent upstream.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator, Callable

import aiohttp
import pytest
from aiohttp import web

import generated
from generated._runtime._framings import SSEFraming
from generated._runtime._framings.base import Origin, Reader
from generated._runtime._gateway import ServeError, gunicorn_app, serve_command
from generated._runtime._stream import StreamItem

from .conftest import (
    HELLO,
    HELLO_TEXT,
    HOST,
    SECRETS,
    USER,
    chat_body,
    serving,
    streamed_text,
    upstream_serving,
)
from .conftest import chunks as parse_chunks

OPENAI_KEY = SECRETS["OPENAI_API_KEY"]
GATEWAY_KEY = "gateway-key-for-tests"


async def echoing(request: web.Request) -> web.StreamResponse:
    """An upstream that quotes the request's Authorization header back, as the route says."""
    sent = request.headers.get("Authorization", "")
    route = request.path.split("/")[1]
    if route == "unauthorized":
        body = {"error": {"message": f"Incorrect API key provided: {sent}"}}
        return web.json_response(body, status=401)
    if route == "failing":
        return web.Response(status=500, text=f"internal error handling {sent}")
    response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
    await response.prepare(request)
    delta = {"choices": [{"index": 0, "delta": {"content": "Hi"}}]}
    await response.write(f"data: {json.dumps(delta)}\n\n".encode())
    error = {"error": {"message": f"the key {sent} ran out mid-stream"}}
    await response.write(f"data: {json.dumps(error)}\n\n".encode())
    return response


@pytest.fixture
async def echo_upstream() -> AsyncIterator[tuple[str, list[str]]]:
    """The echoing upstream's URL, and the Authorization headers it received."""
    received: list[str] = []

    async def handler(request: web.Request) -> web.StreamResponse:
        received.append(request.headers.get("Authorization", ""))
        return await echoing(request)

    async with upstream_serving(handler) as url:
        yield url, received


@pytest.mark.parametrize("route", ["unauthorized", "failing", "midstream"])
@pytest.mark.parametrize("stream", [True, False], ids=["stream", "whole"])
async def test_no_secret_of_the_gateways_environment_is_in_an_answer(
    echo_upstream: tuple[str, list[str]], route: str, stream: bool
) -> None:
    upstream, received = echo_upstream
    body = {"model": "OpenaiChat/gpt-4o-mini", "messages": USER, "stream": stream}
    headers = {"Authorization": f"Bearer {GATEWAY_KEY}"}
    async with (
        serving({"OpenaiChat": f"{upstream}/{route}"}, api_key=GATEWAY_KEY) as url,
        aiohttp.ClientSession() as session,
        session.post(f"{url}/v1/chat/completions", json=body, headers=headers) as response,
    ):
        answer = await response.read()
        status, sent_headers = response.status, str(response.raw_headers)
    # The provider's key went upstream (a 500 is retried), never the gateway's own.
    assert set(received) == {f"Bearer {OPENAI_KEY}"}
    for secret in (*SECRETS.values(), GATEWAY_KEY):
        assert secret not in answer.decode() and secret not in sent_headers
    assert "<OPENAI_API_KEY>" in answer.decode()
    expected = {"unauthorized": 401, "failing": 502, "midstream": 200 if stream else 502}
    assert status == expected[route]


async def gateway_answer(url: str, path: str, headers: dict[str, str]) -> tuple[int, object, str]:
    async with aiohttp.ClientSession() as session:
        method = session.post if path.endswith("completions") else session.get
        body = chat_body(HELLO, stream=True)
        async with method(f"{url}{path}", json=body, headers=headers) as response:
            text = await response.text()
            answer = json.loads(text) if response.content_type == "application/json" else text
            return response.status, answer, response.headers.get("WWW-Authenticate", "")


@pytest.mark.parametrize(
    ("headers", "message"),
    [
        ({}, "send Authorization: Bearer <key>"),
        ({"Authorization": "Bearer not-the-key"}, "incorrect API key"),
        ({"Authorization": GATEWAY_KEY}, "incorrect API key"),
    ],
    ids=["no key", "wrong key", "no Bearer"],
)
@pytest.mark.parametrize("path", ["/v1/chat/completions", "/v1/models"])
async def test_with_a_key_every_request_needs_it(
    headers: dict[str, str], message: str, path: str
) -> None:
    async with serving({"CodeLinkAva": f"http://{HOST}:9/unused"}, api_key=GATEWAY_KEY) as url:
        status, answer, challenge = await gateway_answer(url, path, headers)
    assert status == 401
    assert answer == {
        "error": {
            "message": message,
            "type": "invalid_request_error",
            "code": "invalid_api_key",
            "param": None,
        }
    }
    assert challenge == "Bearer"


@pytest.mark.parametrize("scheme", ["Bearer", "bearer", "BEARER"])
async def test_the_scheme_is_read_in_any_case(scheme: str) -> None:
    async with serving(api_key=GATEWAY_KEY) as url:
        status, _, _ = await gateway_answer(
            url, "/v1/models", {"Authorization": f"{scheme} {GATEWAY_KEY}"}
        )
    assert status == 200


@pytest.mark.parametrize(
    "authorization",
    [b"Basic " + GATEWAY_KEY.encode(), b"Bearer \xff" + GATEWAY_KEY.encode(), b"Bearer \xff"],
    ids=["another scheme", "a byte of no UTF-8 and the key", "a byte of no UTF-8"],
)
async def test_any_other_authorization_is_401_in_openais_shape(authorization: bytes) -> None:
    async with serving(api_key=GATEWAY_KEY) as url:
        reader, writer = await asyncio.open_connection(HOST, int(url.rsplit(":", 1)[1]))
        writer.write(
            b"GET /v1/models HTTP/1.1\r\nHost: gateway\r\nConnection: close\r\n"
            b"Authorization: " + authorization + b"\r\n\r\n"
        )
        answer = await asyncio.wait_for(reader.read(), 10.0)
        writer.close()
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 401 "), answer
    assert json.loads(body)["error"]["code"] == "invalid_api_key"


async def test_with_the_key_requests_are_served_and_the_health_check_needs_none() -> None:
    from replay import ReplayServer

    async with ReplayServer() as upstream:
        route = upstream.add(HELLO)
        base_urls = {"CodeLinkAva": upstream.base_url(route)}
        async with serving(base_urls, api_key=GATEWAY_KEY) as url:
            key = {"Authorization": f"Bearer {GATEWAY_KEY}"}
            status, answer, _ = await gateway_answer(url, "/v1/chat/completions", key)
            health = await gateway_answer(url, "/healthz", {})
    assert status == 200
    assert isinstance(answer, str)
    assert streamed_text(parse_chunks(answer.encode())) == HELLO_TEXT
    assert health[0] == 200


class FailingReader:
    """An SSE reader that fails with an error of no provider's once it has read ``reads``
    chunks: a failure of the gateway's own, deep in a call that holds the provider's key."""

    def __init__(self, reader: Reader, reads: int) -> None:
        self._reader = reader
        self._reads_left = reads

    def feed(self, chunk: bytes, items: list[StreamItem]) -> bool:
        if self._reads_left == 0:
            raise RuntimeError("a failure of no provider's")
        self._reads_left -= 1
        return self._reader.feed(chunk, items)

    def end(self, items: list[StreamItem]) -> None:
        self._reader.end(items)


def fail_when_sending(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every upstream request fails as it is sent, its headers and URL built."""

    async def failing(*args: object, **kwargs: object) -> aiohttp.ClientResponse:
        raise RuntimeError("a failure of no provider's")

    monkeypatch.setattr(aiohttp.ClientSession, "request", failing)


def fail_after_the_first_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every SSE answer fails after its first read, once the stream has begun."""
    reader = SSEFraming.reader

    def failing(framing: SSEFraming, origin: Origin) -> Reader:
        return FailingReader(reader(framing, origin), 1)

    monkeypatch.setattr(SSEFraming, "reader", failing)


@pytest.fixture
async def two_deltas() -> AsyncIterator[str]:
    """An upstream that streams two deltas a moment apart, as OpenAI or Gemini (by its path)."""

    def event(text: str, gemini: bool) -> dict[str, object]:
        if gemini:
            return {"candidates": [{"content": {"parts": [{"text": text}]}}]}
        return {"choices": [{"index": 0, "delta": {"content": text}}]}

    async def handler(request: web.Request) -> web.StreamResponse:
        gemini = "GenerateContent" in request.path
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        for text in ("Hi", " there"):
            await response.write(f"data: {json.dumps(event(text, gemini))}\n\n".encode())
            await asyncio.sleep(0.05)
        if not gemini:
            await response.write(b"data: [DONE]\n\n")
        return response

    async with upstream_serving(handler) as url:
        yield url


@pytest.mark.parametrize(
    ("fail", "status"),
    [(fail_when_sending, 500), (fail_after_the_first_read, 200)],
    ids=["before the stream", "after it began"],
)
@pytest.mark.parametrize("model", ["OpenaiChat/gpt-4o-mini", "Gemini/gemini-2.0-flash"])
async def test_no_logged_traceback_holds_a_secret_in_its_frames_variables(
    two_deltas: str,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    fail: Callable[[pytest.MonkeyPatch], None],
    status: int,
    model: str,
) -> None:
    # Error reporters (Sentry's by default) send each frame's variables with a record's
    # exception: the call's frames held the headers built with the key (OpenAI's), or the URL
    # (Gemini's). The record holds none: its traceback is text.
    provider = model.partition("/")[0]
    async with serving({provider: two_deltas}) as url, aiohttp.ClientSession() as session:
        fail(monkeypatch)
        body = {"model": model, "messages": USER, "stream": True}
        async with session.post(f"{url}/v1/chat/completions", json=body) as response:
            answered = response.status
            await response.read()
    assert answered == status
    [logged] = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert logged.exc_info is None
    shown = logged.getMessage()
    assert "RuntimeError: a failure of no provider's" in shown
    assert [secret for secret in SECRETS.values() if secret in shown] == []


def serve(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = serve_command(generated._REGISTRY, argv, "python -m generated serve")
    return status, capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["--host", "0.0.0.0"],
            "--host 0.0.0.0 lets other machines in: give --api-key-env NAME to require a key, "
            "or --insecure to serve without one",
        ),
        (
            ["--api-key-env", "STREAMGEN_TEST_UNSET"],
            "environment variable STREAMGEN_TEST_UNSET is not set (--api-key-env names it)",
        ),
        (
            ["--base-url", "CodeLinkAv=http://127.0.0.1:1"],
            "--base-url CodeLinkAv=http://127.0.0.1:1: no provider 'CodeLinkAv'; "
            "did you mean CodeLinkAva?",
        ),
        (
            ["--base-url", "CodeLinkAva=ftp://127.0.0.1:1"],
            "--base-url CodeLinkAva=ftp://127.0.0.1:1: give PROVIDER=URL, an http(s) URL",
        ),
    ],
    ids=["open address without a key", "unset key", "unknown provider", "not http"],
)
def test_serve_refuses_to_start_unsafe_or_misconfigured(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert serve(argv, capsys) == (2, f"python -m generated serve: error: {message}\n")


def test_insecure_lets_another_address_through_the_check(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # 192.0.2.1 (TEST-NET-1) is no address of this machine: past the check, binding fails,
    # so nothing ever listens beyond loopback.
    status, err = serve(["--host", "192.0.2.1", "--port", "0", "--insecure"], capsys)
    assert status == 1
    assert err.startswith("python -m generated serve: error: cannot listen on 192.0.2.1:0: ")


@pytest.mark.parametrize(
    ("package", "options", "message"),
    [
        ("json", {}, "json is not this gateway's package: use its own _runtime"),
        (
            "generated",
            {"api_key_env": "STREAMGEN_TEST_UNSET"},
            "environment variable STREAMGEN_TEST_UNSET is not set (--api-key-env names it)",
        ),
        (
            "generated",
            {"base_urls": {"nope": "http://127.0.0.1:1"}},
            "--base-url nope=http://127.0.0.1:1: no provider 'nope'",
        ),
    ],
)
def test_the_gunicorn_entry_refuses_what_serve_refuses(
    package: str, options: dict[str, object], message: str
) -> None:
    with pytest.raises(ServeError) as raised:
        gunicorn_app(package, **options)
    assert str(raised.value) == message
