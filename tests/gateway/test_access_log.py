"""The access log: one line per request when its answer has ended, the route, the provider
that answered, the time to the first delta, the duration and the tokens; every text a client
chose written as a JSON string; as text, as JSON, or not at all, as ``serve`` is told."""

from __future__ import annotations

import json
import logging
import re
import sys
from typing import Any

import aiohttp
import pytest

from generated._runtime._gateway_access import ACCESS_LOGGER, JSONAccessFormatter
from replay import ReplayServer

from ..conftest import recording
from .conftest import HELLO, USER, chat_body, provider_of, running, serving

BONJOUR = recording("anthropic_messages", "bonjour")


@pytest.fixture
def lines(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.INFO, logger=ACCESS_LOGGER.name)
    return caplog


def access(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name == ACCESS_LOGGER.name]


async def post(url: str, body: dict[str, Any], path: str = "/v1/chat/completions") -> int:
    async with (
        aiohttp.ClientSession() as session,
        session.post(f"{url}{path}", json=body) as response,
    ):
        await response.read()
        return response.status


async def test_a_routed_stream_is_one_line_with_its_provider_times_and_tokens(
    lines: pytest.LogCaptureFixture,
) -> None:
    async with ReplayServer() as replay:
        base_urls = {provider_of(BONJOUR): replay.base_url(replay.add(BONJOUR))}
        target = chat_body(BONJOUR)["model"]
        async with serving(base_urls, routes={"fast": [target]}) as url:
            status = await post(url, {**chat_body(BONJOUR, stream=True), "model": "fast"})
    [record] = access(lines)
    fields: dict[str, Any] = record.access  # type: ignore[attr-defined]
    assert status == fields["status"] == 200
    assert (fields["method"], fields["path"], fields["route"]) == (
        "POST",
        "/v1/chat/completions",
        "fast",
    )
    assert fields["provider"].startswith(f"{provider_of(BONJOUR)}/")
    assert 0 <= fields["first_delta_ms"] <= fields["duration_ms"]
    assert fields["input_tokens"] > 0 and fields["output_tokens"] > 0
    assert re.fullmatch(
        r"\S+Z POST \"/v1/chat/completions\" 200 duration_ms=[\d.]+ route=\"fast\" "
        r"provider=\"[^\"]+\" first_delta_ms=[\d.]+ input_tokens=\d+ output_tokens=\d+",
        record.getMessage(),
    )


async def test_a_clients_text_cannot_forge_a_line(lines: pytest.LogCaptureFixture) -> None:
    async with serving() as url:
        status = await post(url, {"model": "x\n1999 GET / 200"}, path="/v1/chat%0Aforged")
    assert status == 404
    [record] = access(lines)
    assert "\n" not in record.getMessage()
    assert '"/v1/chat\\nforged" 404' in record.getMessage()


async def test_json_lines_are_one_object_each(lines: pytest.LogCaptureFixture) -> None:
    async with ReplayServer() as replay:
        base_urls = {provider_of(HELLO): replay.base_url(replay.add(HELLO))}
        async with serving(base_urls) as url:
            await post(url, {"model": "CodeLinkAva", "messages": USER})
    [record] = access(lines)
    written = json.loads(JSONAccessFormatter().format(record))
    assert written == record.access  # type: ignore[attr-defined]
    assert written["provider"] == "CodeLinkAva/gpt-3.5-turbo" and "route" not in written


@pytest.mark.parametrize(("flag", "shape"), [(None, "plain"), ("json", "json"), ("off", None)])
async def test_serve_writes_the_lines_as_told(flag: str | None, shape: str | None) -> None:
    command = [sys.executable, "-m", "generated", "serve", "--port", "0"]
    command += [] if flag is None else ["--access-log", flag]
    async with running(*command) as (_, output):
        [line] = await output.expect(r"at http://127\.0\.0\.1:\d+/v1 ")
        found = re.search(r"at (http://127\.0\.0\.1:\d+)/v1 ", line)
        assert found is not None
        async with aiohttp.ClientSession() as session:
            async with session.get(f"{found[1]}/healthz") as response:
                assert response.status == 200
            async with session.get(f"{found[1]}/v1/models") as response:
                assert response.status == 200  # a line after the first: the first has come
        if shape is not None:
            await output.expect(r"/v1/models", count=1)
    written = [line for line in output.lines if "/healthz" in line]
    if shape is None:
        assert written == []
    elif shape == "json":
        assert json.loads(written[0])["path"] == "/healthz"
    else:
        assert re.match(r'\S+Z GET "/healthz" 200 duration_ms=', written[0])
