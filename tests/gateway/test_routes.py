"""Routes: a model name that stands for several providers, tried in turn until one answers.

The first provider of each route here is OpenaiChat pointed at an upstream that fails as the
route's name says; the second is CodeLinkAva serving its recording. A failure before the first
delta moves on, one after it does not, and neither does the client's own 4xx.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from aiohttp import web

import generated
from generated import UnknownProviderError
from generated._runtime._constants import GATEWAY_ROUTE_MEMORY_SECONDS
from generated._runtime._gateway_app import build_app
from generated._runtime._gateway_routes import RecentSuccess
from replay import ReplayServer

from .conftest import (
    HELLO,
    HELLO_TEXT,
    USER,
    chunks,
    serving,
    sse_data,
    streamed_text,
    upstream_serving,
)

FIRST = "OpenaiChat/gpt-4o-mini"
SECOND = "CodeLinkAva/gpt-3.5-turbo"


async def failing(request: web.BaseRequest) -> web.StreamResponse:
    """Fails as the first part of its path says: a status, an error reported in a 200, or an
    error after a first delta."""
    kind = request.path.split("/")[1]
    if kind.isdigit():
        return web.json_response({"error": {"message": f"upstream {kind}"}}, status=int(kind))
    response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
    await response.prepare(request)
    if kind == "midstream":
        await response.write(b'data: {"choices":[{"delta":{"content":"Hi"}}]}\n\n')
    await response.write(b'data: {"error": {"message": "You exceeded your quota"}}\n\n')
    return response


@pytest.fixture
async def upstreams() -> AsyncIterator[tuple[str, ReplayServer, list[str]]]:
    """The failing upstream's URL, the replay server of CodeLinkAva, and the paths the
    failing one was asked."""
    asked: list[str] = []

    async def handler(request: web.BaseRequest) -> web.StreamResponse:
        asked.append(request.path)
        return await failing(request)

    async with upstream_serving(handler) as url, ReplayServer() as replay:
        yield url, replay, asked


async def ask(url: str, stream: bool, model: str = "fast") -> tuple[int, dict[str, str], Any]:
    body = {"model": model, "messages": USER, "stream": stream}
    async with (
        aiohttp.ClientSession() as session,
        session.post(f"{url}/v1/chat/completions", json=body) as response,
    ):
        raw = await response.read()
        answer = raw if stream and response.status == 200 else json.loads(raw)
        return response.status, dict(response.headers), answer


def gateway(upstreams: tuple[str, ReplayServer, list[str]], failure: str) -> Any:
    failing_url, replay, _ = upstreams
    first = "http://127.0.0.1:9" if failure == "refused" else f"{failing_url}/{failure}"
    base_urls = {"OpenaiChat": first, "CodeLinkAva": replay.base_url(replay.add(HELLO))}
    return serving(base_urls, routes={"fast": [FIRST, SECOND]})


@pytest.mark.parametrize("failure", ["refused", "500", "503", "429", "401", "reported"])
@pytest.mark.parametrize("stream", [True, False], ids=["stream", "whole"])
async def test_a_failure_before_the_first_delta_moves_on_to_the_next_provider(
    upstreams: tuple[str, ReplayServer, list[str]], failure: str, stream: bool
) -> None:
    async with gateway(upstreams, failure) as url:
        status, headers, answer = await ask(url, stream)
    assert (status, headers["X-Served-By"]) == (200, SECOND)
    if stream:
        parsed = chunks(answer)
        assert streamed_text(parsed) == HELLO_TEXT
        assert parsed[0]["model"] == SECOND
    else:
        assert answer["choices"][0]["message"]["content"] == HELLO_TEXT
        assert answer["model"] == SECOND


async def test_a_failure_after_the_first_delta_does_not_switch(
    upstreams: tuple[str, ReplayServer, list[str]],
) -> None:
    _, replay, _ = upstreams
    async with gateway(upstreams, "midstream") as url:
        status, headers, answer = await ask(url, True)
    assert (status, headers["X-Served-By"]) == (200, FIRST)
    data = sse_data(answer)
    assert streamed_text([json.loads(item) for item in data[:-1]]) == "Hi"
    assert json.loads(data[-1])["error"]["code"] == "upstream_reported_error"
    assert replay.requests == []


async def test_the_clients_own_4xx_does_not_move_on(
    upstreams: tuple[str, ReplayServer, list[str]],
) -> None:
    _, replay, asked = upstreams
    async with gateway(upstreams, "400") as url:
        status, headers, answer = await ask(url, False)
    assert status == 502 and "X-Served-By" not in headers
    assert answer["error"]["code"] == "upstream_status"
    assert len(asked) == 1 and replay.requests == []


async def test_when_every_provider_fails_the_error_names_each_attempt(
    upstreams: tuple[str, ReplayServer, list[str]],
) -> None:
    failing_url, _, _ = upstreams
    base_urls = {"OpenaiChat": f"{failing_url}/500", "CodeLinkAva": f"{failing_url}/429"}
    async with serving(base_urls, routes={"fast": [FIRST, SECOND]}) as url:
        status, _, answer = await ask(url, False)
    error = answer["error"]
    assert (status, error["code"], error["type"]) == (429, "route_failed", "rate_limit_error")
    assert error["message"].startswith("every provider of 'fast' failed: OpenaiChat/gpt-4o-mini: ")
    assert "; CodeLinkAva/gpt-3.5-turbo: " in error["message"]


async def test_a_model_no_route_names_is_asked_as_before(
    upstreams: tuple[str, ReplayServer, list[str]],
) -> None:
    async with gateway(upstreams, "500") as url:
        status, headers, _ = await ask(url, False, model=SECOND)
    assert (status, headers["X-Served-By"]) == (200, SECOND)


def test_a_route_to_no_provider_is_refused_when_the_gateway_is_built() -> None:
    with pytest.raises(UnknownProviderError):
        build_app(generated._REGISTRY, routes={"fast": ["NoSuchProvider/x"]})
    with pytest.raises(ValueError, match="route 'empty' names no provider"):
        build_app(generated._REGISTRY, routes={"empty": []})


async def test_a_route_by_recent_success_tries_the_provider_that_answered_first(
    upstreams: tuple[str, ReplayServer, list[str]],
) -> None:
    failing_url, replay, asked = upstreams
    base_urls = {
        "OpenaiChat": f"{failing_url}/500",
        "CodeLinkAva": replay.base_url(replay.add(HELLO)),
    }
    routes = {"fast": [FIRST, SECOND]}
    async with serving(base_urls, routes=routes, balanced={"fast"}) as url:
        first = await ask(url, False)
        tried = len(asked)  # OpenaiChat, failing (its own retries too)
        later = [await ask(url, False) for _ in range(2)]
    served = [headers["X-Served-By"] for _, headers, _ in (first, *later)]
    assert served == [SECOND] * 3
    assert tried >= 1 and len(asked) == tried  # CodeLinkAva, which answered, is asked first


async def test_an_event_before_the_first_delta_commits_no_route(
    upstreams: tuple[str, ReplayServer, list[str]],
) -> None:
    # Anthropic's message_start is a usage event: an error after it, before any text, fell
    # over to no one.
    async def overloaded(request: web.BaseRequest) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        start = {"type": "message_start", "message": {"usage": {"input_tokens": 3}}}
        await response.write(f"event: message_start\ndata: {json.dumps(start)}\n\n".encode())
        error = {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}
        await response.write(f"event: error\ndata: {json.dumps(error)}\n\n".encode())
        return response

    _, replay, _ = upstreams
    async with upstream_serving(overloaded) as anthropic_url:
        base_urls = {
            "AnthropicMessages": anthropic_url,
            "CodeLinkAva": replay.base_url(replay.add(HELLO)),
        }
        routes = {"fast": ["AnthropicMessages/claude-3-5-haiku-latest", SECOND]}
        async with serving(base_urls, routes=routes) as url:
            body = {"model": "fast", "messages": USER, "max_tokens": 64}
            for stream in (True, False):
                async with (
                    aiohttp.ClientSession() as session,
                    session.post(
                        f"{url}/v1/chat/completions", json={**body, "stream": stream}
                    ) as response,
                ):
                    assert (response.status, response.headers["X-Served-By"]) == (200, SECOND)


async def test_a_target_that_cannot_take_the_request_is_passed_over(
    upstreams: tuple[str, ReplayServer, list[str]],
) -> None:
    # AnthropicMessages requires max_tokens, which the request lacks: OpenaiChat answers.
    _, replay, _ = upstreams
    base_urls = {"CodeLinkAva": replay.base_url(replay.add(HELLO))}
    routes = {"fast": ["AnthropicMessages", SECOND]}
    async with serving(base_urls, routes=routes) as url:
        status, headers, _ = await ask(url, False)
    assert (status, headers["X-Served-By"]) == (200, SECOND)


def test_a_failure_is_forgotten_a_while_later() -> None:
    now = [0.0]
    recent = RecentSuccess(clock=lambda: now[0])
    recent.record("A", answered=False)
    recent.record("B", answered=True)
    assert recent.ordered(["A", "B"], str) == ["B", "A"]
    now[0] = GATEWAY_ROUTE_MEMORY_SECONDS + 1
    assert recent.ordered(["A", "B"], str) == ["A", "B"]  # A's failure is forgotten: tried again
