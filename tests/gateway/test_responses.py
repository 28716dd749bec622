"""OpenAI's Responses API through the gateway, read by the openai SDK's ``responses`` (sync and
async, streaming and not): the exact text of recordings of several providers, instructions
apart, usage at the end, and a failure once begun as ``response.failed``."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import openai
import pytest

from replay import Recording, ReplayServer

from ..conftest import recording
from .conftest import (
    SDK_RECORDINGS,
    answering_with_usage,
    provider_of,
    recording_id,
    serving,
    serving_recording,
    upstream_serving,
)

GATEWAY_KEY = "responses-sdk-test-key"


@pytest.fixture(params=SDK_RECORDINGS, ids=recording_id)
async def gateway(request: pytest.FixtureRequest) -> AsyncIterator[tuple[str, Recording]]:
    """The gateway's /v1 URL, its upstream serving the recording."""
    recorded: Recording = request.param
    async with serving_recording(recorded, GATEWAY_KEY) as url:
        yield f"{url}/v1", recorded


def arguments(recorded: Recording) -> dict[str, Any]:
    """The SDK's arguments for the recording's call: system messages as instructions,
    max_tokens as max_output_tokens, the provider's other parameters in extra_body."""
    call = recorded.expect["call"]
    kwargs = dict(call["kwargs"])
    system = "\n\n".join(m["content"] for m in call["messages"] if m["role"] == "system")
    provider = provider_of(recorded)
    found: dict[str, Any] = {
        "model": f"{provider}/{call['model']}" if call["model"] else provider,
        "input": [m for m in call["messages"] if m["role"] != "system"],
        "extra_body": kwargs,
    }
    if "max_tokens" in kwargs:
        found["max_output_tokens"] = kwargs.pop("max_tokens")
    return found | ({"instructions": system} if system else {})


def text_of(recorded: Recording) -> str:
    return "".join(recorded.expect["deltas"])


async def test_the_async_sdk_streams_the_exact_text(gateway: tuple[str, Recording]) -> None:
    url, recorded = gateway
    async with openai.AsyncOpenAI(base_url=url, api_key=GATEWAY_KEY, max_retries=0) as client:
        events = await client.responses.create(**arguments(recorded), stream=True)
        kinds: list[str] = []
        pieces: list[str] = []
        async for event in events:
            kinds.append(event.type)
            if event.type == "response.output_text.delta":
                pieces.append(event.delta)
            if event.type == "response.completed":
                final = event.response
    assert "".join(pieces) == text_of(recorded)
    assert kinds[0] == "response.created" and kinds[-1] == "response.completed"
    assert final.output_text == text_of(recorded) and final.status == "completed"


async def test_the_async_sdk_reads_the_whole_answer(gateway: tuple[str, Recording]) -> None:
    url, recorded = gateway
    async with openai.AsyncOpenAI(base_url=url, api_key=GATEWAY_KEY, max_retries=0) as client:
        response = await client.responses.create(**arguments(recorded))
    assert response.output_text == text_of(recorded)
    assert response.model.startswith(provider_of(recorded))


def sync_texts(url: str, recorded: Recording) -> tuple[str, str]:
    with openai.OpenAI(base_url=url, api_key=GATEWAY_KEY, max_retries=0) as client:
        with client.responses.stream(**arguments(recorded)) as stream:
            streamed = "".join(e.delta for e in stream if e.type == "response.output_text.delta")
            final = stream.get_final_response().output_text
        whole = client.responses.create(**arguments(recorded)).output_text
    assert final == streamed
    return streamed, whole


async def test_the_sync_sdk_streams_and_reads_the_exact_text(
    gateway: tuple[str, Recording],
) -> None:
    url, recorded = gateway
    streamed, whole = await asyncio.to_thread(sync_texts, url, recorded)
    assert streamed == whole == text_of(recorded)


async def test_what_no_provider_reads_is_refused_in_openais_shape() -> None:
    async with (
        serving(api_key=GATEWAY_KEY) as url,
        openai.AsyncOpenAI(base_url=f"{url}/v1", api_key=GATEWAY_KEY, max_retries=0) as client,
    ):
        image = [{"role": "user", "content": [{"type": "input_image", "image_url": "x"}]}]
        with pytest.raises(openai.BadRequestError, match="'input_image' part: only text"):
            await client.responses.create(model="CodeLinkAva", input=image)  # type: ignore[arg-type]
        with pytest.raises(openai.NotFoundError, match="did you mean CodeLinkAva"):
            await client.responses.create(model="CodeLinkAv", input="Hi")


async def test_a_failure_once_begun_is_response_failed_after_the_text() -> None:
    midstream = recording("openai_chat", "midstream_error")
    async with ReplayServer() as upstream:
        base_urls = {"OpenaiChat": upstream.base_url(upstream.add(midstream))}
        async with (
            serving(base_urls) as url,
            openai.AsyncOpenAI(base_url=f"{url}/v1", api_key="none", max_retries=0) as client,
        ):
            events = await client.responses.create(**arguments(midstream), stream=True)
            seen = [event async for event in events]
    pieces = [e.delta for e in seen if e.type == "response.output_text.delta"]
    assert "".join(pieces) == "".join(midstream.expect["deltas_before_error"])
    assert seen[-1].type == "response.failed"
    assert seen[-1].response.error is not None
    assert midstream.expect["message"] in seen[-1].response.error.message


async def test_a_streamed_answer_asks_for_the_usage_and_tells_it() -> None:
    bodies: list[dict[str, Any]] = []

    async with (
        upstream_serving(answering_with_usage(bodies)) as upstream_url,
        serving({"OpenaiChat": upstream_url}) as url,
        openai.AsyncOpenAI(base_url=f"{url}/v1", api_key="none", max_retries=0) as client,
    ):
        events = await client.responses.create(
            model="OpenaiChat/gpt-4o-mini", input="Hi", stream=True
        )
        completed = [event async for event in events][-1]
    assert bodies[0]["stream_options"] == {"include_usage": True}
    assert completed.type == "response.completed"
    usage = completed.response.usage
    assert usage is not None and (usage.input_tokens, usage.output_tokens) == (7, 1)
    assert usage.output_tokens_details.reasoning_tokens == 0
