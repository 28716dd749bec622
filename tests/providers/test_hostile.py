"""Hostile servers and careless callers, on real local servers: what each gets, and what not.

Every failure is a ProviderError; no secret leaves for another origin or shows in an error; no
wait runs past its bound; a caller's mistake is refused before anything is sent.
"""

from __future__ import annotations

import asyncio
import gzip
import ssl
import subprocess
import time
import traceback
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import replace
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from hypothesis import given, settings
from hypothesis import strategies as st

import generated
from generated import (
    ConfigurationError,
    MalformedEventError,
    ProviderError,
    RateLimitError,
    RedirectError,
    ResponseLimitError,
    Retries,
    Timeouts,
    TLSError,
    UnexpectedContentTypeError,
    UnexpectedStatusError,
    codelink_ava,
)
from generated._runtime import _call
from generated._runtime._constants import ERROR_EXCERPT_BYTES, MAX_RETRY_AFTER
from generated._runtime._responses import retry_after
from generated.anthropic_messages import AnthropicMessages
from generated.codelink_ava import CodeLinkAva
from generated.openai_chat import OpenaiChat

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
SECRET = "sk-ant-hostile-0123456789"
PASSWORD = "base-url-pass-0123"
MESSAGES: Any = [{"role": "user", "content": "Hi"}]
HELLO = b'data: {"choices":[{"delta":{"content":"Hi"}}]}\n\ndata: [DONE]\n\n'


@asynccontextmanager
async def serving(
    handler: Handler, ssl_context: ssl.SSLContext | None = None
) -> AsyncIterator[tuple[str, list[web.Request]]]:
    """A server on 127.0.0.1 answering every request with ``handler``; its URL and requests."""
    received: list[web.Request] = []

    async def handle(request: web.Request) -> web.StreamResponse:
        received.append(request)
        return await handler(request)

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handle)
    # handler_cancellation: a client that goes away cancels its handler, as it would a real one.
    runner = web.AppRunner(app, shutdown_timeout=0.5, handler_cancellation=True)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0, ssl_context=ssl_context)
    await site.start()
    port = runner.addresses[0][1]
    scheme = "https" if ssl_context else "http"
    try:
        yield f"{scheme}://127.0.0.1:{port}", received
    finally:
        await runner.cleanup()


def answer(
    status: int, body: bytes = b"", content_type: str = "text/event-stream", **headers: str
) -> Handler:
    async def handler(request: web.Request) -> web.StreamResponse:
        await request.read()
        return web.Response(status=status, body=body, content_type=content_type, headers=headers)

    return handler


@pytest.fixture(autouse=True)
def secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANTHROPIC_API_KEY", SECRET)
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)


def no_secret_in(error: BaseException) -> None:
    """``error`` as any log would show it, traceback and locals included: no secret in it,
    nor the password of a ``base_url``."""
    plain = "".join(traceback.format_exception(error))
    exception = traceback.TracebackException.from_exception(error, capture_locals=True)
    # The caller's own frames hold what the caller passed (a base_url with its password): only
    # the provider's frames are the provider's to keep clean.
    exception.stack[:] = [frame for frame in exception.stack if "/generated/" in frame.filename]
    assert exception.stack, "the error is raised from within the provider"
    with_locals = "".join(exception.format())
    for text in (str(error), repr(error.__dict__), plain, with_locals):
        assert SECRET not in text and PASSWORD not in text
    assert error.__cause__ is None and error.__context__ is None


async def anthropic_error(base_url: str, **options: Any) -> ProviderError:
    stream = AnthropicMessages.create_async_generator(
        "", MESSAGES, max_tokens=5, base_url=base_url, **options
    )
    with pytest.raises(ProviderError) as caught:
        await stream.text()
    return caught.value


# ---------------------------------------------------------------- redirects


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
async def test_a_redirect_elsewhere_is_refused_and_nothing_goes_there(status: int) -> None:
    async with serving(answer(200, HELLO)) as (elsewhere, reached):
        target = f"{elsewhere}/steal?token=abc"
        async with serving(answer(status, Location=target)) as (base_url, received):
            error = await anthropic_error(base_url)
    assert isinstance(error, RedirectError)
    assert error.status == status and error.location == elsewhere
    assert "steal" not in str(error) and "token" not in str(error)
    assert reached == [] and len(received) == 1  # not followed, not retried
    no_secret_in(error)


async def test_a_redirect_to_the_same_origin_is_refused_too() -> None:
    async with serving(answer(307, Location="/v1/messages/again")) as (base_url, received):
        error = await anthropic_error(base_url)
    assert isinstance(error, RedirectError) and error.location == base_url
    assert len(received) == 1


async def test_a_redirect_without_location_or_a_300_is_no_answer() -> None:
    async with serving(answer(302)) as (base_url, _):
        error = await anthropic_error(base_url)
    assert isinstance(error, RedirectError) and error.location == ""
    assert "redirected without a Location" in str(error)


@pytest.mark.parametrize(
    ("location", "shown"),
    [
        ("http://[::1/?k=KEY", "(an invalid URL)"),  # urljoin itself fails on it
        ("http://KEY.evil.example/", "http://<ANTHROPIC_API_KEY>.evil.example"),  # lower-cased
        ("KEY://x", "<ANTHROPIC_API_KEY>://x"),
    ],
)
async def test_where_a_redirect_leads_is_shown_without_a_secret(location: str, shown: str) -> None:
    async def handler(request: web.Request) -> web.StreamResponse:
        await request.read()
        key = request.headers["x-api-key"]
        return web.Response(status=302, headers={"Location": location.replace("KEY", key)})

    async with serving(handler) as (base_url, _):
        error = await anthropic_error(base_url)
    assert isinstance(error, RedirectError) and error.location == shown
    no_secret_in(error)
    assert SECRET.lower() not in str(error)


@pytest.mark.parametrize("status", [201, 202, 204, 206])
async def test_a_success_that_is_no_streamed_answer(status: int) -> None:
    async with serving(answer(status, HELLO)) as (base_url, received):
        error = await anthropic_error(base_url)
    assert isinstance(error, UnexpectedStatusError) and error.status == status
    assert len(received) == 1


async def test_a_callers_session_cannot_change_the_error_type() -> None:
    async with (
        serving(answer(429, b"slow down", "text/plain")) as (base_url, _),
        aiohttp.ClientSession(raise_for_status=True) as session,
    ):
        error = await anthropic_error(base_url, session=session, max_retries=0)
    assert isinstance(error, RateLimitError)


# ---------------------------------------------------------------- waits


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30), st.text(max_size=30))
def test_any_wait_hint_is_none_or_a_bounded_number_of_seconds(ms: str, seconds: str) -> None:
    hint = retry_after({"retry-after-ms": ms, "Retry-After": seconds})
    assert hint is None or 0 <= hint <= MAX_RETRY_AFTER


@pytest.mark.parametrize(
    "headers, expected",
    [
        ({"retry-after-ms": "nan"}, None),
        ({"retry-after-ms": "inf", "Retry-After": "2"}, 2.0),
        ({"Retry-After": "9" * 5000}, None),
        ({"Retry-After": "999999"}, MAX_RETRY_AFTER),
        ({"Retry-After": "-5"}, None),
        ({"retry-after-ms": "1500"}, 1.5),
        ({"Retry-After": "\u0661\u0662"}, None),  # Arabic-Indic digits are no HTTP number
    ],
)
def test_wait_hints_parsed_strictly(headers: dict[str, str], expected: float | None) -> None:
    assert retry_after(headers) == expected


def test_backoff_stays_finite_however_many_retries() -> None:
    assert Retries().backoff(5000) <= Retries().max_backoff


@pytest.mark.parametrize("hint", [{"retry-after-ms": "nan"}, {"Retry-After": "999999"}])
async def test_a_server_hint_never_outlasts_the_backoff_bound(
    hint: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    waits: list[float] = []

    async def sleep(connection: object, delay: float) -> None:
        waits.append(delay)

    monkeypatch.setattr(_call._Connection, "sleep", sleep)
    async with serving(answer(429, b"{}", "application/json", **hint)) as (base_url, received):
        stream = CodeLinkAva.create_async_generator("", MESSAGES, base_url=base_url, timeout=None)
        with pytest.raises(RateLimitError):
            await stream.text()
    assert len(received) == 3
    assert waits and all(0 <= wait <= Retries().max_backoff for wait in waits)


# ---------------------------------------------------------------- secrets


def echoing(status: int, content_type: str, template: str) -> Handler:
    """A server that puts the key it was sent into its answer."""

    async def handler(request: web.Request) -> web.StreamResponse:
        await request.read()
        body = template.replace("KEY", request.headers.get("x-api-key", "")).encode()
        return web.Response(status=status, body=body, content_type=content_type)

    return handler


ECHOES = {
    "401 body": (401, "application/json", '{"error": {"message": "invalid x-api-key KEY"}}'),
    "html page": (200, "text/html", "<html><body>Your key KEY is blocked</body></html>"),
    "sse error": (
        200,
        "text/event-stream",
        'event: error\ndata: {"error": {"message": "bad key KEY"}}\n\n',
    ),
    "malformed line": (200, "text/event-stream", "event: content_block_delta\ndata: {KEY\n\n"),
}


@pytest.mark.parametrize("echo", ECHOES.values(), ids=ECHOES.keys())
async def test_a_key_the_server_echoes_never_reaches_an_error(echo: tuple[int, str, str]) -> None:
    async with serving(echoing(*echo)) as (base_url, received):
        error = await anthropic_error(base_url)
    assert received[0].headers["x-api-key"] == SECRET
    assert "<ANTHROPIC_API_KEY>" in str(error) or isinstance(error, UnexpectedContentTypeError)
    no_secret_in(error)


async def test_credentials_in_base_url_and_proxy_never_reach_an_error() -> None:
    error = await anthropic_error(
        "http://alice:s3cret-pass@127.0.0.1:9",  # nothing listens on port 9
        proxy="http://bob:pr0xy-pass@127.0.0.1:9",
        max_retries=0,
    )
    for credentials in ("alice:s3cret-pass", "s3cret-pass", "pr0xy-pass"):
        assert credentials not in "".join(traceback.format_exception(error))
    assert "<base_url credentials>@127.0.0.1:9" in error.endpoint


async def test_a_key_in_the_content_type_never_reaches_an_error() -> None:
    async def handler(request: web.Request) -> web.StreamResponse:
        await request.read()
        content_type = f"text/{request.headers['x-api-key']}"
        return web.Response(body=b"x", headers={"Content-Type": content_type})

    async with serving(handler) as (base_url, _):
        error = await anthropic_error(base_url)
    assert isinstance(error, UnexpectedContentTypeError)
    assert "<ANTHROPIC_API_KEY>" in error.content_type
    no_secret_in(error)


@pytest.mark.parametrize("echoed", [PASSWORD, "p@ss-" + PASSWORD, "alice"])
async def test_a_base_url_password_echoed_alone_never_reaches_an_error(echoed: str) -> None:
    escaped = echoed.replace("@", "%40")
    async with serving(answer(401, f"who is {echoed}?".encode(), "text/plain")) as (base_url, _):
        error = await anthropic_error(base_url.replace("://", f"://alice:{escaped}@"))
    assert echoed not in str(error) and escaped not in str(error)
    assert "who is <base_url credentials>?" in str(error)


async def test_the_basic_authorization_a_server_echoes_never_reaches_an_error() -> None:
    async def echo_authorization(request: web.Request) -> web.StreamResponse:
        await request.read()
        return web.Response(status=401, text=f"got {request.headers['Authorization']}")

    async with serving(echo_authorization) as (base_url, _):
        error = await anthropic_error(base_url.replace("://", f"://alice:{PASSWORD}@"))
    assert str(error).startswith("AnthropicMessages: HTTP 401: got Basic <base_url credentials>")


async def test_a_key_cut_by_the_end_of_an_excerpt_is_not_shown_in_part() -> None:
    async def handler(request: web.Request) -> web.StreamResponse:
        await request.read()
        body = " " * (ERROR_EXCERPT_BYTES - 13) + request.headers["x-api-key"] + "\n" * 4096
        return web.Response(status=400, text=body)

    async with serving(handler) as (base_url, _):
        error = await anthropic_error(base_url)
    assert SECRET[:8] not in str(error)


@pytest.mark.parametrize("proxy", ["http://bob:pw@[::1", "bob:pw@127.0.0.1:1", "socks5://h:1"])
async def test_a_proxy_that_is_no_http_url_is_refused_before_sending(proxy: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        AnthropicMessages.create_async_generator("", MESSAGES, max_tokens=5, proxy=proxy)
    assert str(caught.value).startswith(
        "AnthropicMessages: proxy must be an http:// or https:// URL with a host"
    )
    assert "pw" not in str(caught.value)


# ---------------------------------------------------------------- one hierarchy


async def test_json_nested_too_deeply_is_a_malformed_event() -> None:
    body = b"data: " + b"[" * 200_000 + b"\n\n"
    async with serving(answer(200, body)) as (base_url, _):
        stream = CodeLinkAva.create_async_generator("", MESSAGES, base_url=base_url)
        with pytest.raises(MalformedEventError) as caught:
            await stream.text()
    assert "nested too deeply" in str(caught.value)


def nested(depth: int) -> list[Any]:
    value: list[Any] = []
    for _ in range(depth):
        value = [value]
    return value


async def test_a_closed_session_is_a_configuration_error() -> None:
    async with serving(answer(200, HELLO)) as (base_url, received):
        session = aiohttp.ClientSession()
        await session.close()
        stream = CodeLinkAva.create_async_generator(
            "", MESSAGES, base_url=base_url, session=session
        )
        with pytest.raises(ConfigurationError, match="the session is closed"):
            await stream.text()
    assert received == []


@pytest.mark.parametrize(
    "call, message",
    [
        ({"temperature": float("nan")}, "the body cannot be sent as JSON"),
        ({"stop": {1, 2}}, "the body cannot be sent as JSON: Object of type set"),
        ({"base_url": "ftp://x"}, "base_url must be an http:// or https:// URL"),
        ({"base_url": "http://h:99999"}, "base_url must be an http:// or https:// URL"),
        ({"stop": nested(5000)}, "the body cannot be sent as JSON: it is nested too deeply"),
        ({"timeout": float("inf")}, "timeout must be a positive, finite number of seconds"),
        ({"timeout": -1}, "timeout must be a positive, finite number of seconds, not -1"),
        ({"timeout": "5"}, "timeout must be a number of seconds or None, not str"),
        (
            {"timeout": Timeouts(connect=float("nan"))},
            "timeout.connect must be a positive, finite number of seconds, not nan",
        ),
        ({"max_retries": -1}, "max_retries must be a whole number >= 0, not -1"),
        ({"max_retries": True}, "max_retries must be a whole number >= 0, not True"),
    ],
)
async def test_a_callers_value_that_cannot_be_sent_is_refused_before_sending(
    call: dict[str, Any], message: str
) -> None:
    async with serving(answer(200, HELLO)) as (base_url, received):
        options = {"base_url": base_url, **call}
        with pytest.raises(ConfigurationError) as caught:
            CodeLinkAva.create_async_generator("", MESSAGES, **options)
    assert message in str(caught.value)
    assert received == []


async def test_a_line_break_in_a_header_value_is_refused_before_sending(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-abc\r\nX-Evil: 1")
    with pytest.raises(ConfigurationError) as caught:
        OpenaiChat.create_async_generator("", MESSAGES)
    assert "the value of header 'Authorization' has a line break or another control" in str(
        caught.value
    )
    assert "sk-abc" not in str(caught.value)


@pytest.mark.parametrize("control", ["\x0b", "\x7f", "\x01"])
async def test_any_control_character_in_a_header_value_is_refused_before_sending(
    monkeypatch: pytest.MonkeyPatch, control: str
) -> None:
    # aiohttp refuses them too, but with a ValueError of its own, outside the hierarchy.
    monkeypatch.setenv("OPENAI_API_KEY", f"sk-abc{control}def")
    with pytest.raises(ConfigurationError) as caught:
        OpenaiChat.create_async_generator("", MESSAGES)
    assert "sk-abc" not in str(caught.value)


async def test_base_url_credentials_and_the_specs_own_authorization_are_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-abcdef")
    with pytest.raises(ConfigurationError) as caught:
        OpenaiChat.create_async_generator(
            "", MESSAGES, base_url="http://user:hunter2pass@127.0.0.1:9"
        )
    assert "the base_url has credentials, but the request sends its own Authorization" in str(
        caught.value
    )
    assert "hunter2pass" not in str(caught.value)


async def test_aclose_from_another_task_closes_the_connection() -> None:
    opened = asyncio.Event()
    closed = asyncio.Event()

    async def stall(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        await response.write(b'data: {"choices":[{"delta":{"content":"a"}}]}\n\n')
        opened.set()
        try:
            await asyncio.sleep(30)
        finally:
            closed.set()
        return response

    async with serving(stall) as (base_url, _):
        stream = CodeLinkAva.create_async_generator("", MESSAGES, base_url=base_url)
        reader = asyncio.create_task(stream.text())
        await asyncio.wait_for(opened.wait(), 5)
        await asyncio.sleep(0.05)  # the reader is waiting on the socket now
        await stream.aclose()
        assert await asyncio.wait_for(reader, 5) == "a"  # the reader's stream ends
        await asyncio.wait_for(closed.wait(), 5)  # and the server saw the connection go


async def test_aclose_while_the_answer_is_awaited_ends_the_call() -> None:
    arrived = asyncio.Event()

    async def slow(request: web.Request) -> web.StreamResponse:
        await request.read()
        arrived.set()
        await asyncio.sleep(30)
        return web.Response(body=HELLO, content_type="text/event-stream")

    async with serving(slow) as (base_url, received):
        stream = CodeLinkAva.create_async_generator("", MESSAGES, base_url=base_url)
        reader = asyncio.create_task(stream.text())
        await asyncio.wait_for(arrived.wait(), 5)
        await stream.aclose()
        assert await asyncio.wait_for(reader, 2) == ""
    assert len(received) == 1


async def test_aclose_while_waiting_to_retry_ends_the_call() -> None:
    async with serving(answer(503, b"busy", "text/plain", **{"Retry-After": "5"})) as (
        base_url,
        received,
    ):
        stream = CodeLinkAva.create_async_generator("", MESSAGES, base_url=base_url, max_retries=2)
        reader = asyncio.create_task(stream.text())
        while not received:
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.1)  # the reader now waits to retry
        started = time.monotonic()
        await stream.aclose()
        assert await asyncio.wait_for(reader, 2) == ""
        assert time.monotonic() - started < 1
    assert len(received) == 1


async def test_cancelling_the_reader_while_the_answer_is_awaited_still_cancels_it() -> None:
    async def slow(request: web.Request) -> web.StreamResponse:
        await asyncio.sleep(30)
        return web.Response(body=HELLO, content_type="text/event-stream")

    async with serving(slow) as (base_url, _):
        stream = CodeLinkAva.create_async_generator("", MESSAGES, base_url=base_url)
        reader = asyncio.create_task(stream.text())
        await asyncio.sleep(0.2)
        reader.cancel()
        with pytest.raises(asyncio.CancelledError):
            await reader


# ---------------------------------------------------------------- retries


@pytest.fixture(scope="module")
def self_signed(tmp_path_factory: pytest.TempPathFactory) -> ssl.SSLContext:
    folder = tmp_path_factory.mktemp("tls")
    key, cert = folder / "key.pem", folder / "cert.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-subj",
            "/CN=127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "1",
        ],
        check=True,
        capture_output=True,
    )
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context


async def test_a_certificate_failure_is_a_tls_error_never_retried(
    self_signed: ssl.SSLContext,
) -> None:
    async with serving(answer(200, HELLO), ssl_context=self_signed) as (base_url, received):
        error = await anthropic_error(base_url)
    assert isinstance(error, TLSError)
    assert received == []  # the handshake failed once, and was not tried again
    no_secret_in(error)


def stall_after_headers(calls: list[float]) -> Handler:
    async def handler(request: web.Request) -> web.StreamResponse:
        calls.append(time.monotonic())
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        await asyncio.sleep(30)
        return response

    return handler


@pytest.mark.parametrize(
    ("silent_streams", "attempts"),
    [(Retries().silent_streams, 3), (False, 1)],
    ids=["retried by default", "not retried when the spec says so"],
)
async def test_a_stream_silent_after_its_200(
    monkeypatch: pytest.MonkeyPatch, silent_streams: bool, attempts: int
) -> None:
    retries = replace(codelink_ava._ENDPOINT.retries, silent_streams=silent_streams)
    monkeypatch.setattr(codelink_ava, "_ENDPOINT", replace(codelink_ava._ENDPOINT, retries=retries))
    calls: list[float] = []
    async with serving(stall_after_headers(calls)) as (base_url, _):
        stream = CodeLinkAva.create_async_generator(
            "", MESSAGES, base_url=base_url, timeout=Timeouts(idle=0.2, total=10)
        )
        with pytest.raises(ProviderError):
            await stream.text()
    assert len(calls) == attempts


# ---------------------------------------------------------------- sizes


async def test_a_decompression_bomb_of_blank_lines_ends_quickly() -> None:
    bomb = gzip.compress(b"\n" * (64 << 20), compresslevel=9)  # 64 MiB of blank lines

    async def handler(request: web.Request) -> web.StreamResponse:
        await request.read()
        return web.Response(
            body=bomb,
            headers={"Content-Type": "text/event-stream", "Content-Encoding": "gzip"},
        )

    async with serving(handler) as (base_url, _):
        stream = CodeLinkAva.create_async_generator("", MESSAGES, base_url=base_url)
        with pytest.raises(ResponseLimitError) as caught:
            await stream.text()
    assert "bytes without an event" in str(caught.value)
    assert len(bomb) < 100_000  # small on the wire, as such a bomb is


async def test_the_whole_response_is_bounded_too(monkeypatch: pytest.MonkeyPatch) -> None:
    event = b'data: {"choices":[{"delta":{"content":"x"}}]}\n\n'
    bounded = replace(codelink_ava._ENDPOINT, max_response_bytes=100_000)
    monkeypatch.setattr(codelink_ava, "_ENDPOINT", bounded)

    async def handler(request: web.Request) -> web.StreamResponse:
        await request.read()
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        for _ in range(30):
            await response.write(event * 100)
        return response

    async with serving(handler) as (base_url, _):
        stream = CodeLinkAva.create_async_generator("", MESSAGES, base_url=base_url)
        with pytest.raises(ResponseLimitError) as caught:
            async for _ in stream:
                pass
    assert "the response is larger than any answer" in str(caught.value)


# ---------------------------------------------------------------- every error, as a log shows it


def echo_key(status: int, template: str, content_type: str = "text/event-stream") -> Handler:
    """A server that answers ``template`` with every ``KEY`` replaced by the key it was sent."""

    async def handler(request: web.Request) -> web.StreamResponse:
        await request.read()
        body = template.replace("KEY", request.headers.get("x-api-key", "")).encode()
        return web.Response(status=status, body=body, content_type=content_type)

    return handler


def echo_key_then_stall(template: str) -> Handler:
    async def handler(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        await response.write(template.replace("KEY", request.headers["x-api-key"]).encode())
        await asyncio.sleep(30)
        return response

    return handler


async def redirect_with_key(request: web.Request) -> web.StreamResponse:
    await request.read()
    location = f"http://127.0.0.1:9/steal?key={request.headers['x-api-key']}"
    return web.Response(status=302, headers={"Location": location})


# The key in a comment: the answer's own text is the caller's to see, secret or not.
DELTA = ': KEY\nevent: content_block_delta\ndata: {"type":"content_block_delta","delta":{"text":"Hi"}}\n\n'


async def reset(request: web.Request) -> web.StreamResponse:
    await request.read()
    assert request.transport is not None
    request.transport.abort()
    return web.Response()


ERROR_CASES: dict[str, tuple[Handler, dict[str, Any]]] = {
    "AuthenticationError": (echo_key(401, '{"error": {"message": "bad KEY"}}'), {}),
    "PermissionDeniedError": (echo_key(403, "KEY is not allowed", "text/plain"), {}),
    "NotFoundError": (echo_key(404, "<p>no page for KEY</p>", "text/html"), {}),
    "RateLimitError": (echo_key(429, "KEY: slow down", "text/plain"), {"max_retries": 0}),
    "ServerError": (echo_key(500, "Traceback: key=KEY", "text/plain"), {"max_retries": 0}),
    "APIStatusError": (echo_key(418, "teapot KEY", "text/plain"), {}),
    "ServerReportedError": (
        echo_key(200, 'event: error\ndata: {"error": {"message": "KEY"}}\n\n'),
        {},
    ),
    "RedirectError": (redirect_with_key, {}),
    "UnexpectedStatusError": (echo_key(202, "queued KEY", "text/plain"), {}),
    "UnexpectedContentTypeError": (echo_key(200, "<html>KEY</html>", "text/html"), {}),
    "MalformedEventError": (echo_key(200, "event: content_block_delta\ndata: {KEY\n\n"), {}),
    "EventTooLargeError": (echo_key(200, "data: KEY" + "x" * (1 << 20) + "\n\n"), {}),
    "ResponseLimitError": (echo_key(200, ": KEY\n" * (1 << 19)), {}),
    "IncompleteStreamError": (echo_key(200, DELTA), {}),
    "IdleTimeoutError": (
        echo_key_then_stall(DELTA),
        {"timeout": Timeouts(idle=0.2), "max_retries": 0},
    ),
    "TotalTimeoutError": (echo_key_then_stall(DELTA), {"timeout": Timeouts(total=0.3)}),
    "ProviderConnectionError": (reset, {"max_retries": 0}),
    "TLSError": (echo_key(200, DELTA), {}),  # served over TLS with a certificate not trusted
}
# Raised before any byte reaches a server, so no server can echo a key into them; their message
# is checked where they are provoked (test_network.py, the caller checks above, test_registry.py,
# tests/gateway/test_reload.py).
UNSENT = {
    "ConnectTimeoutError",
    "ConfigurationError",
    "MissingSecretError",
    "PackageReloadedError",
    "UnknownProviderError",
}
# Said in the spec's words alone (the step, the value, where it was looked for): nothing a server
# sent is in it. tests/runtime/test_steps.py provokes it with an answer that echoes a secret.
SPEC_WORDS_ONLY = {"MissingValueError"}


def test_every_error_type_is_in_the_leak_test() -> None:
    raised = {
        name
        for name, cls in vars(generated).items()
        if isinstance(cls, type) and issubclass(cls, ProviderError)
    } - {"ProviderError", "ProviderTimeoutError", "ProtocolError"}  # bases only, never raised
    assert raised == ERROR_CASES.keys() | UNSENT | SPEC_WORDS_ONLY


@pytest.mark.parametrize("expected", ERROR_CASES.keys())
async def test_no_error_type_shows_a_secret_as_a_log_would(
    expected: str, request: pytest.FixtureRequest
) -> None:
    handler, options = ERROR_CASES[expected]
    tls = request.getfixturevalue("self_signed") if expected == "TLSError" else None
    async with serving(handler, ssl_context=tls) as (base_url, received):
        with_password = base_url.replace("://", f"://alice:{PASSWORD}@")
        error = await anthropic_error(with_password, **options)
    assert type(error).__name__ == expected
    if tls is None:
        assert received[0].headers["x-api-key"] == SECRET
    no_secret_in(error)
