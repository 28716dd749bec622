"""The runtime over real sockets: the replay server on 127.0.0.1, with injected faults.

Every test checks the error type and message, and that nothing leaked: no client session is left
open (and ResourceWarning is an error for the whole suite).
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import socket
import time
from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Any
from urllib.parse import parse_qsl

import aiohttp
import pytest
from aiohttp import web

from generated import (
    AuthenticationError,
    ConnectTimeoutError,
    EventTooLargeError,
    IdleTimeoutError,
    IncompleteStreamError,
    NotFoundError,
    PermissionDeniedError,
    ProviderConnectionError,
    ProviderError,
    RateLimitError,
    ServerError,
    TextDelta,
    Timeouts,
    TotalTimeoutError,
    UnexpectedContentTypeError,
    Usage,
)
from generated.codelink_ava import CodeLinkAva
from generated.gemini import Gemini
from generated.gemini_array import GeminiArray
from replay import Fault, Recording, ReplayServer

from ..conftest import recording

HELLO = recording("codelink_ava", "hello")
HELLO_TEXT = "Hello! How can I help you today?"
MESSAGES: Any = [{"role": "user", "content": "Hello!"}]
FIRST_EVENTS = HELLO.response.body.index(b"\n\n", 1400) + 2  # a few deltas in


def open_sessions() -> list[aiohttp.ClientSession]:
    gc.collect()
    return [o for o in gc.get_objects() if isinstance(o, aiohttp.ClientSession) and not o.closed]


@pytest.fixture
async def server() -> AsyncIterator[ReplayServer]:
    async with ReplayServer() as replay_server:
        yield replay_server
    assert open_sessions() == [], "a client session was left open"


async def stream_from(
    server: ReplayServer, fault: Fault | None = None, rec: Recording = HELLO, **options: Any
) -> tuple[list[str], ProviderError | None]:
    route = server.add(rec, name=f"r{len(server.routes)}", fault=fault)
    deltas: list[str] = []
    stream = CodeLinkAva.create_async_generator(
        "", MESSAGES, base_url=server.base_url(route), **options
    )
    try:
        async for delta in stream:
            deltas.append(delta)
    except ProviderError as error:
        return deltas, error
    return deltas, None


async def test_streams_the_recording_chunk_by_chunk(server: ReplayServer) -> None:
    deltas, error = await stream_from(server)
    assert error is None
    assert "".join(deltas) == HELLO_TEXT
    [request] = server.requests
    assert request.path == "/api/chat"
    assert request.json() == {"messages": MESSAGES, "temperature": 0.6, "stream": True}


@pytest.mark.parametrize(
    ("provider", "name"), [("gemini", "haiku_parts"), ("gemini_array", "haiku_array")]
)
async def test_a_model_in_the_path_and_a_key_in_the_query_over_a_socket(
    server: ReplayServer, monkeypatch: pytest.MonkeyPatch, provider: str, name: str
) -> None:
    monkeypatch.setenv("GEMINI_API_KEY", "key with/odd&chars=")
    haiku = recording(provider, name)
    route = server.add(haiku)
    call: Any = haiku.expect["call"]
    module = Gemini if provider == "gemini" else GeminiArray
    stream = module.create_async_generator(
        "gemini-2.0-flash", call["messages"], base_url=server.base_url(route), **call["kwargs"]
    )
    events = [event async for event in stream.events()]
    assert [e.text for e in events if isinstance(e, TextDelta)] == haiku.expect["deltas"]
    assert stream.finish_reason == "STOP"
    assert stream.usage == Usage(input_tokens=11, output_tokens=17)
    [request] = server.requests
    assert request.path == "/v1beta/models/gemini-2.0-flash:streamGenerateContent"
    assert dict(parse_qsl(request.query))["key"] == "key with/odd&chars="  # one value, intact
    assert request.json() == haiku.request.json


@pytest.mark.parametrize(
    "status, error_type",
    [
        (401, AuthenticationError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (400, ProviderError),
    ],
)
async def test_client_errors_are_typed_and_not_retried(
    server: ReplayServer, status: int, error_type: type[ProviderError]
) -> None:
    deltas, error = await stream_from(server, Fault(status=status, body=b'{"error":"no"}'))
    assert type(error) is error_type or (status == 400 and type(error).__name__ == "APIStatusError")
    assert f'CodeLinkAva: HTTP {status}: {{"error":"no"}}' in str(error)
    assert deltas == []
    assert server.hits("r0") == 1


async def test_server_errors_are_retried_then_raised(server: ReplayServer) -> None:
    _deltas, error = await stream_from(server, Fault(status=503, body=b"busy"), max_retries=2)
    assert isinstance(error, ServerError) and error.status == 503
    assert error.body_excerpt == "busy"
    assert server.hits("r0") == 3


async def test_a_transient_503_is_retried_until_it_works(server: ReplayServer) -> None:
    deltas, error = await stream_from(server, Fault(status=503, times=2))
    assert error is None
    assert "".join(deltas) == HELLO_TEXT
    assert server.hits("r0") == 3


async def test_429_honours_retry_after(server: ReplayServer) -> None:
    fault = Fault(status=429, headers={"Retry-After": "1"}, times=1)
    started = time.monotonic()
    deltas, error = await stream_from(server, fault)
    assert error is None and "".join(deltas) == HELLO_TEXT
    assert time.monotonic() - started >= 0.95


async def test_503_honours_retry_after_too(server: ReplayServer) -> None:
    fault = Fault(status=503, headers={"Retry-After": "1"}, times=1)
    started = time.monotonic()
    deltas, error = await stream_from(server, fault)
    assert error is None and "".join(deltas) == HELLO_TEXT
    assert time.monotonic() - started >= 0.95


async def test_a_retry_after_past_the_total_timeout_is_not_waited_for(server: ReplayServer) -> None:
    fault = Fault(status=429, headers={"Retry-After": "30"})
    started = time.monotonic()
    _, error = await stream_from(server, fault, timeout=5)
    assert isinstance(error, RateLimitError) and error.retry_after == 30
    assert time.monotonic() - started < 2


async def test_429_without_retries_carries_retry_after(server: ReplayServer) -> None:
    fault = Fault(status=429, body=b"slow down", headers={"retry-after-ms": "1500"})
    _, error = await stream_from(server, fault, max_retries=0)
    assert isinstance(error, RateLimitError)
    assert error.retry_after == 1.5


async def test_a_stall_mid_stream_is_an_idle_timeout_never_retried(server: ReplayServer) -> None:
    fault = Fault(stall_after=FIRST_EVENTS)
    deltas, error = await stream_from(server, fault, timeout=Timeouts(idle=0.3))
    assert isinstance(error, IdleTimeoutError)
    assert "no data from the server within the idle timeout" in str(error)
    assert deltas and HELLO_TEXT.startswith("".join(deltas))
    assert server.hits("r0") == 1, "a delta was yielded: retrying would duplicate text"


async def test_a_stall_before_any_delta_is_retried(server: ReplayServer) -> None:
    fault = Fault(stall_after=10, times=1)
    deltas, error = await stream_from(server, fault, timeout=Timeouts(idle=0.3))
    assert error is None and "".join(deltas) == HELLO_TEXT
    assert server.hits("r0") == 2


async def test_a_truncated_body_is_an_incomplete_stream(server: ReplayServer) -> None:
    deltas, error = await stream_from(server, Fault(truncate_after=FIRST_EVENTS))
    assert isinstance(error, IncompleteStreamError)
    assert "answer truncated" in str(error)
    assert deltas and "".join(deltas) != HELLO_TEXT


async def test_a_connection_reset_mid_stream(server: ReplayServer) -> None:
    deltas, error = await stream_from(server, Fault(reset_after=FIRST_EVENTS))
    assert isinstance(error, ProviderConnectionError)
    assert deltas and server.hits("r0") == 1


async def test_a_reset_before_any_delta_is_retried(server: ReplayServer) -> None:
    deltas, error = await stream_from(server, Fault(reset_after=0, times=1))
    assert error is None and "".join(deltas) == HELLO_TEXT
    assert server.hits("r0") == 2


async def test_a_slow_drip_hits_the_total_timeout(server: ReplayServer) -> None:
    _deltas, error = await stream_from(server, Fault(drip=0.01), timeout=0.5)
    assert isinstance(error, TotalTimeoutError)
    assert isinstance(error, TimeoutError)


def answering(recorded: Recording, body: bytes) -> Recording:
    """``recorded``, its response's body ``body`` in one chunk."""
    [exchange] = recorded.exchanges
    response = replace(recorded.response, chunks=(body,), delays=None)
    return replace(recorded, exchanges=(replace(exchange, response=response),))


async def test_a_slow_drip_within_the_timeouts_completes(server: ReplayServer) -> None:
    short = answering(HELLO, HELLO.response.body[:600])
    deltas, error = await stream_from(server, Fault(drip=0.001), rec=short)
    assert isinstance(error, IncompleteStreamError)  # the body was cut short, but it all arrived
    assert deltas == ["Hello"]


async def test_an_html_page_instead_of_a_stream(server: ReplayServer) -> None:
    _deltas, error = await stream_from(server, Fault(html=True))
    assert isinstance(error, UnexpectedContentTypeError)
    assert error.content_type == "text/html"
    assert "<html" in error.body_excerpt.lower()


async def test_a_refused_connection(server: ReplayServer) -> None:
    async with ReplayServer() as closed_soon:
        port = closed_soon.port
    stream = CodeLinkAva.create_async_generator(
        "", MESSAGES, base_url=f"http://127.0.0.1:{port}", max_retries=1
    )
    with pytest.raises(ProviderConnectionError, match="CodeLinkAva: ClientConnectorError"):
        await stream.text()


async def test_a_line_that_never_ends_is_bounded(server: ReplayServer) -> None:
    endless = answering(HELLO, b"data: " + b"x" * (2 << 20))
    _, error = await stream_from(server, rec=endless)
    assert isinstance(error, EventTooLargeError)
    assert error.limit == 1 << 20


async def test_breaking_out_closes_the_connection_and_session_at_once(server: ReplayServer) -> None:
    server.add(HELLO, name="slow", fault=None)
    async for _ in CodeLinkAva.create_async_generator(
        "", MESSAGES, base_url=server.base_url("slow")
    ):
        break
    await asyncio.sleep(0)  # the loop's async-generator finaliser runs aclose() now
    await asyncio.sleep(0)
    assert open_sessions() == []


async def test_async_with_closes_early(server: ReplayServer) -> None:
    server.add(HELLO, name="early")
    stream = CodeLinkAva.create_async_generator("", MESSAGES, base_url=server.base_url("early"))
    async with stream:
        assert await stream.__anext__() == "Hello"
    assert open_sessions() == []


async def test_cancelling_the_task_closes_everything(server: ReplayServer) -> None:
    server.add(HELLO, name="stall", fault=Fault(stall_after=FIRST_EVENTS))
    received: list[str] = []

    async def consume() -> None:
        stream = CodeLinkAva.create_async_generator("", MESSAGES, base_url=server.base_url("stall"))
        async for delta in stream:
            received.append(delta)

    task = asyncio.create_task(consume())
    while not received:
        await asyncio.sleep(0.01)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert open_sessions() == []


async def test_the_callers_session_is_reused_and_left_open(server: ReplayServer) -> None:
    server.add(HELLO, name="a")
    server.add(HELLO, name="b", fault=Fault(status=500))
    async with aiohttp.ClientSession() as session:
        ok = CodeLinkAva.create_async_generator(
            "", MESSAGES, base_url=server.base_url("a"), session=session
        )
        assert await ok.text() == HELLO_TEXT
        failing = CodeLinkAva.create_async_generator(
            "", MESSAGES, base_url=server.base_url("b"), session=session, max_retries=0
        )
        with pytest.raises(ServerError):
            await failing.text()
        assert not session.closed
        assert open_sessions() == [session]


async def test_through_an_http_proxy(server: ReplayServer) -> None:
    proxied: list[str] = []

    async def forward(request: web.Request) -> web.StreamResponse:
        proxied.append(str(request.url))
        async with (
            aiohttp.ClientSession() as upstream,
            upstream.request(
                request.method, request.url, headers=request.headers, data=await request.read()
            ) as answer,
        ):
            response = web.StreamResponse(status=answer.status)
            response.content_type = answer.content_type
            await response.prepare(request)
            async for chunk in answer.content.iter_any():
                await response.write(chunk)
            await response.write_eof()
            return response

    runner = web.ServerRunner(web.Server(forward))
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        port = runner.addresses[0][1]
        route = server.add(HELLO, name="via-proxy")
        stream = CodeLinkAva.create_async_generator(
            "", MESSAGES, base_url=server.base_url(route), proxy=f"http://127.0.0.1:{port}"
        )
        assert await stream.text() == HELLO_TEXT
    finally:
        await runner.cleanup()
    assert proxied == [f"{server.base_url(route)}/api/chat"]


async def test_500_concurrent_streams_with_cancellations_and_faults(server: ReplayServer) -> None:
    server.add(HELLO, name="ok")
    server.add(HELLO, name="reset", fault=Fault(reset_after=FIRST_EVENTS))
    server.add(HELLO, name="cut", fault=Fault(truncate_after=FIRST_EVENTS))
    server.add(HELLO, name="stall", fault=Fault(stall_after=FIRST_EVENTS))
    kinds = ["ok", "ok", "ok", "reset", "cut", "stall", "cancel"]
    outcomes: dict[str, list[object]] = {kind: [] for kind in kinds}

    async def one(kind: str) -> None:
        route = "stall" if kind == "cancel" else kind
        stream = CodeLinkAva.create_async_generator(
            "", MESSAGES, base_url=server.base_url(route), timeout=Timeouts(idle=2, total=20)
        )
        deltas: list[str] = []
        try:
            async for delta in stream:
                deltas.append(delta)
        except ProviderError as error:
            outcomes[kind].append(type(error))
        else:
            outcomes[kind].append("".join(deltas))

    tasks = {
        asyncio.create_task(one(kinds[i % len(kinds)])): kinds[i % len(kinds)] for i in range(500)
    }
    await asyncio.sleep(1.0)
    for task, kind in tasks.items():
        if kind == "cancel":
            task.cancel()
    results = await asyncio.gather(*tasks, return_exceptions=True)
    cancelled = sum(isinstance(r, asyncio.CancelledError) for r in results)
    assert cancelled == list(tasks.values()).count("cancel")
    assert outcomes["ok"] == [HELLO_TEXT] * len(outcomes["ok"]) and len(outcomes["ok"]) > 200
    assert set(outcomes["reset"]) == {ProviderConnectionError}
    assert set(outcomes["cut"]) == {IncompleteStreamError}
    assert set(outcomes["stall"]) == {IdleTimeoutError}
    assert open_sessions() == []


async def test_a_server_that_never_accepts_is_a_connect_timeout() -> None:
    # A listening socket whose accept queue is full: the kernel drops further SYNs.
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    fillers = []
    try:
        for _ in range(3):
            filler = socket.socket()
            filler.setblocking(False)
            with contextlib.suppress(BlockingIOError):
                filler.connect(("127.0.0.1", port))
            fillers.append(filler)
        stream = CodeLinkAva.create_async_generator(
            "", MESSAGES, base_url=f"http://127.0.0.1:{port}", timeout=Timeouts(connect=0.3)
        )
        started = time.monotonic()
        with pytest.raises(ConnectTimeoutError, match="no connection within the connect timeout"):
            await stream.text()
        assert time.monotonic() - started >= 0.9, "3 attempts of 0.3 s: connect timeouts retry"
    finally:
        for filler in fillers:
            filler.close()
        listener.close()
    assert open_sessions() == []
