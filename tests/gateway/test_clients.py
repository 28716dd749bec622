"""Real clients against the gateway: the official openai SDK (sync and async, streaming and
not) and ``curl -N``, each reading the exact recorded text of CodeLinkAva, OpenAI, Anthropic
and Ollama recordings served upstream."""

from __future__ import annotations

import asyncio
import json
import shutil
from collections.abc import AsyncIterator
from typing import Any

import openai
import pytest
from aiohttp import web

import generated
from replay import Recording, ReplayServer

from ..conftest import (
    ROOT,
    all_recordings,
    aws_signatures,
    filled,
    flow_values,
    recording,
    served_recordings,
)
from .conftest import (
    SDK_RECORDINGS,
    chat_body,
    chunks,
    provider_of,
    recording_id,
    serving,
    serving_recording,
    streamed_text,
    upstream_serving,
)

GATEWAY_KEY = "sdk-test-key"


@pytest.fixture(params=SDK_RECORDINGS, ids=recording_id)
async def gateway(request: pytest.FixtureRequest) -> AsyncIterator[tuple[str, Recording]]:
    """The gateway's /v1 URL, its upstream serving the recording the test is for."""
    recorded: Recording = request.param
    async with serving_recording(recorded, GATEWAY_KEY) as url:
        yield f"{url}/v1", recorded


def arguments(recorded: Recording) -> dict[str, Any]:
    """The SDK's arguments for the recording's call: the provider's own go in extra_body."""
    body = chat_body(recorded)
    return {
        "model": body["model"],
        "messages": body["messages"],
        "extra_body": recorded.expect["call"]["kwargs"],
    }


def text_of(recorded: Recording) -> str:
    return "".join(recorded.expect["deltas"])


async def test_async_sdk_streams_the_exact_text(gateway: tuple[str, Recording]) -> None:
    url, recorded = gateway
    async with openai.AsyncOpenAI(base_url=url, api_key=GATEWAY_KEY, max_retries=0) as client:
        stream = await client.chat.completions.create(**arguments(recorded), stream=True)
        pieces = [chunk.choices[0].delta.content async for chunk in stream if chunk.choices]
    assert pieces[0] == ""  # the role chunk
    assert "".join(piece or "" for piece in pieces) == text_of(recorded)


async def test_async_sdk_reads_the_whole_answer(gateway: tuple[str, Recording]) -> None:
    url, recorded = gateway
    async with openai.AsyncOpenAI(base_url=url, api_key=GATEWAY_KEY, max_retries=0) as client:
        completion = await client.chat.completions.create(**arguments(recorded))
    assert completion.choices[0].message.content == text_of(recorded)
    assert completion.choices[0].finish_reason == "stop"
    provider = generated._REGISTRY.info(provider_of(recorded))
    model = recorded.expect["call"]["model"] or provider.default_model
    assert completion.model == f"{provider.name}/{model}"


def sync_stream(url: str, recorded: Recording) -> str:
    with openai.OpenAI(base_url=url, api_key=GATEWAY_KEY, max_retries=0) as client:
        stream = client.chat.completions.create(**arguments(recorded), stream=True)
        return "".join(chunk.choices[0].delta.content or "" for chunk in stream if chunk.choices)


def sync_whole(url: str, recorded: Recording) -> str | None:
    with openai.OpenAI(base_url=url, api_key=GATEWAY_KEY, max_retries=0) as client:
        return client.chat.completions.create(**arguments(recorded)).choices[0].message.content


async def test_sync_sdk_streams_and_reads_the_exact_text(gateway: tuple[str, Recording]) -> None:
    # The sync client blocks: it runs in a thread while this loop serves both servers.
    url, recorded = gateway
    assert await asyncio.to_thread(sync_stream, url, recorded) == text_of(recorded)
    assert await asyncio.to_thread(sync_whole, url, recorded) == text_of(recorded)


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
async def test_curl_streams_the_exact_text(gateway: tuple[str, Recording]) -> None:
    url, recorded = gateway
    curl = await asyncio.create_subprocess_exec(
        "curl", "-sSN", "--fail-with-body", f"{url}/chat/completions",
        "-H", "Content-Type: application/json",
        "-H", f"Authorization: Bearer {GATEWAY_KEY}",
        "-d", json.dumps(chat_body(recorded, stream=True)),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await curl.communicate()
    assert curl.returncode == 0, err
    assert streamed_text(chunks(out)) == text_of(recorded)


async def test_the_sdk_raises_its_own_errors_for_the_gateways() -> None:
    async with (
        serving(api_key=GATEWAY_KEY) as url,
        openai.AsyncOpenAI(base_url=f"{url}/v1", api_key=GATEWAY_KEY, max_retries=0) as client,
    ):
        with pytest.raises(openai.NotFoundError, match="did you mean CodeLinkAva"):
            await client.chat.completions.create(model="CodeLinkAv", messages=[])
        wrong = client.with_options(api_key="wrong")
        with pytest.raises(openai.AuthenticationError, match="incorrect API key"):
            await wrong.models.list()
        models = [model.id async for model in client.models.list()]
    assert "CodeLinkAva/gpt-3.5-turbo" in models


async def test_a_failure_mid_stream_is_an_sdk_error_after_the_text() -> None:
    midstream = recording("openai_chat", "midstream_error")
    async with ReplayServer() as upstream:
        route = upstream.add(midstream)
        async with (
            serving({"OpenaiChat": upstream.base_url(route)}) as url,
            openai.AsyncOpenAI(base_url=f"{url}/v1", api_key="none", max_retries=0) as client,
        ):
            stream = await client.chat.completions.create(**arguments(midstream), stream=True)
            pieces: list[str] = []
            with pytest.raises(openai.APIError, match=midstream.expect["message"]):
                async for chunk in stream:
                    pieces.append(chunk.choices[0].delta.content or "")
    assert "".join(pieces) == "".join(midstream.expect["deltas_before_error"])


SERVED = served_recordings()
ANSWERED = [
    r
    for r in [*all_recordings(), *SERVED]
    if "error" not in r.expect and (r.is_flow or r.response.status == 200)
]
"""Every recording of a whole answer: one of each spec at least."""


def test_there_is_an_answer_of_every_spec_to_stream() -> None:
    specs = {path.stem for path in (ROOT / "specs").glob("*.yaml")}
    assert {recorded.path.parent.name for recorded in ANSWERED} == specs


@pytest.mark.parametrize("recorded", ANSWERED, ids=recording_id)
async def test_the_sdk_streams_the_exact_text_of_every_spec(
    recorded: Recording, monkeypatch: pytest.MonkeyPatch
) -> None:
    expect = recorded.expect
    text = "".join(expect["deltas"]) if "deltas" in expect else expect["text"]
    provider = provider_of(recorded)
    secrets = generated._REGISTRY.info(provider).secrets
    served = recorded in SERVED  # checked by the server, as tests/providers/test_flows.py does
    values = flow_values(recorded, secrets) if served else {}
    for name in secrets if served else ():
        monkeypatch.setenv(name, values[name])
    async with ReplayServer(values=values, aws=aws_signatures(values)) as upstream:
        route = upstream.add(recorded, checked=served)
        base_url = upstream.base_urls(route) if served else upstream.base_url(route)
        async with (
            serving({provider: base_url}, api_key=GATEWAY_KEY) as url,
            openai.AsyncOpenAI(base_url=f"{url}/v1", api_key=GATEWAY_KEY, max_retries=0) as client,
        ):
            called = filled(arguments(recorded), values)
            stream = await client.chat.completions.create(**called, stream=True)
            pieces = [chunk.choices[0].delta.content async for chunk in stream if chunk.choices]
        assert upstream.problems == []
    assert "".join(piece or "" for piece in pieces) == text


@pytest.fixture
async def quota_in_a_200() -> AsyncIterator[tuple[str, list[str]]]:
    """An OpenAI-style upstream that answers 200 and reports its quota exceeded as the stream's
    first event: its URL, and the prompts it received."""
    prompts: list[str] = []

    async def handler(request: web.Request) -> web.StreamResponse:
        prompts.append((await request.json())["messages"][-1]["content"])
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        await response.write(b'data: {"error": {"message": "You exceeded your quota"}}\n\n')
        return response

    async with upstream_serving(handler) as url:
        yield url, prompts


@pytest.mark.parametrize("stream", [True, False], ids=["stream", "whole"])
async def test_the_sdk_sends_the_prompt_once_when_the_upstream_reports_an_error(
    quota_in_a_200: tuple[str, list[str]], stream: bool
) -> None:
    # With its default retries the SDK sent the same prompt upstream three times.
    upstream, prompts = quota_in_a_200
    async with (
        serving({"OpenaiChat": upstream}) as url,
        openai.AsyncOpenAI(base_url=f"{url}/v1", api_key="none") as client,
    ):
        with pytest.raises(openai.InternalServerError, match="You exceeded your quota"):
            await client.chat.completions.create(
                model="OpenaiChat/gpt-4o-mini",
                messages=[{"role": "user", "content": "Once"}],
                stream=stream,
            )
    assert prompts == ["Once"]
