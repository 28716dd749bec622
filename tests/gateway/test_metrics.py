"""``GET /metrics``: requests by API, provider and status, failures by code, a route's
fallbacks, the streams open, the time to the first delta and the duration, the tokens, in
Prometheus' text format; and a gateway asked for metrics without prometheus-client."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from prometheus_client.parser import text_string_to_metric_families

import generated
from generated._runtime._gateway import ServeError, gunicorn_app, serve_command
from replay import ReplayServer

from ..conftest import recording
from .conftest import chat_body, provider_of, serving

BONJOUR = recording("anthropic_messages", "bonjour")


@pytest.fixture
async def gateway() -> AsyncIterator[str]:
    """A gateway with metrics: AnthropicMessages serves a recording, and route ``fast``
    tries OpenaiChat (a refused connection) first."""
    async with ReplayServer() as replay:
        base_urls = {
            provider_of(BONJOUR): replay.base_url(replay.add(BONJOUR)),
            "OpenaiChat": "http://127.0.0.1:9",
        }
        target = chat_body(BONJOUR)["model"]
        routes = {"fast": ["OpenaiChat/gpt-4o-mini", target]}
        async with serving(base_urls, routes=routes, metrics=True) as url:
            yield url


def samples(page: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Each sample of the page, by name and labels."""
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(page)
        for sample in family.samples
    }


async def post(session: aiohttp.ClientSession, url: str, path: str, body: dict[str, Any]) -> int:
    async with session.post(f"{url}{path}", json=body) as response:
        await response.read()
        return response.status


async def test_each_request_fallback_time_and_token_is_counted(gateway: str) -> None:
    routed = {**chat_body(BONJOUR, stream=True), "model": "fast"}
    async with aiohttp.ClientSession() as session:
        assert await post(session, gateway, "/v1/chat/completions", routed) == 200
        said = [m for m in routed["messages"] if m["role"] != "system"]
        messages = {"model": "fast", "max_tokens": 64, "stream": True, "messages": said}
        assert await post(session, gateway, "/v1/messages", messages) == 200
        assert await post(session, gateway, "/v1/chat/completions", {"model": "CodeLinkAva"}) == 400
        async with session.get(f"{gateway}/metrics") as response:
            content_type = response.headers["Content-Type"]
            page = await response.text()
    assert content_type.startswith("text/plain; version=0.0.4")
    found = samples(page)
    provider = next(
        dict(labels)["provider"]
        for name, labels in found
        if name == "streamgen_gateway_requests_total" and dict(labels)["status"] == "200"
    )
    assert provider == provider_of(BONJOUR)  # its name: a client's model makes no series

    def value(name: str, **labels: str) -> float:
        return found[(name, tuple(sorted(labels.items())))]

    requests = "streamgen_gateway_requests_total"
    assert value(requests, api="chat_completions", provider=provider, status="200") == 1
    assert value(requests, api="messages", provider=provider, status="200") == 1
    assert value(requests, api="chat_completions", provider="", status="400") == 1
    assert value("streamgen_gateway_errors_total", code="missing_field") == 1
    fallbacks = "streamgen_gateway_fallbacks_total"
    assert value(fallbacks, route="fast", provider="OpenaiChat") == 2
    assert value("streamgen_gateway_first_delta_seconds_count", provider=provider) == 2
    assert value("streamgen_gateway_request_duration_seconds_count", provider=provider) == 2
    assert value("streamgen_gateway_tokens_total", provider=provider, kind="output") > 0
    assert value("streamgen_gateway_active_streams") == 0


async def test_without_metrics_there_is_no_page() -> None:
    async with (
        serving() as url,
        aiohttp.ClientSession() as session,
        session.get(f"{url}/metrics") as response,
    ):
        assert response.status == 404


def test_metrics_without_prometheus_client_say_what_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "prometheus_client", None)
    assert serve_command(generated._REGISTRY, ["--metrics"], "serve") == 2
    assert capsys.readouterr().err == (
        "serve: error: metrics need prometheus-client, which is not installed: "
        "pip install prometheus-client\n"
    )
    with pytest.raises(ServeError, match="pip install prometheus-client"):
        gunicorn_app("generated", metrics=True)


async def test_a_clients_model_makes_no_series_of_its_own() -> None:
    base_urls = {"CodeLinkAva": "http://127.0.0.1:9"}  # refused: each answer is a 502
    async with serving(base_urls, metrics=True) as url, aiohttp.ClientSession() as session:
        for model in ("CodeLinkAva/a1", "CodeLinkAva/a2", "CodeLinkAva/\u2028x"):
            body = {"model": model, "messages": [{"role": "user", "content": "Hi"}]}
            assert await post(session, url, "/v1/chat/completions", body) == 502
        async with session.get(f"{url}/metrics") as response:
            found = samples(await response.text())
    series = [labels for name, labels in found if name == "streamgen_gateway_requests_total"]
    assert series == [(("api", "chat_completions"), ("provider", "CodeLinkAva"), ("status", "502"))]
