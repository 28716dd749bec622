"""Anthropic's Messages API through the gateway, read by the official anthropic SDK (sync and
async, streaming and not): the exact text of recordings of several providers, the system
prompt apart, and errors raised as the SDK's own."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import anthropic
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

GATEWAY_KEY = "anthropic-sdk-test-key"


@pytest.fixture(params=SDK_RECORDINGS, ids=recording_id)
async def gateway(request: pytest.FixtureRequest) -> AsyncIterator[tuple[str, Recording]]:
    """The gateway's URL (the SDK adds /v1), its upstream serving the recording."""
    recorded: Recording = request.param
    async with serving_recording(recorded, GATEWAY_KEY) as url:
        yield url, recorded


def arguments(recorded: Recording) -> dict[str, Any]:
    """The SDK's arguments for the recording's call: the system prompt apart, max_tokens as
    recorded (the SDK needs one), the provider's other parameters in extra_body."""
    call = recorded.expect["call"]
    kwargs = dict(call["kwargs"])
    messages = [m for m in call["messages"] if m["role"] != "system"]
    system = "\n\n".join(m["content"] for m in call["messages"] if m["role"] == "system")
    provider = provider_of(recorded)
    found: dict[str, Any] = {
        "model": f"{provider}/{call['model']}" if call["model"] else provider,
        "messages": messages,
        "max_tokens": kwargs.pop("max_tokens", 1024),
        "extra_body": kwargs,
    }
    return found | ({"system": system} if system else {})


def text_of(recorded: Recording) -> str:
    return "".join(recorded.expect["deltas"])


async def test_the_async_sdk_streams_the_exact_text(gateway: tuple[str, Recording]) -> None:
    url, recorded = gateway
    async with (
        anthropic.AsyncAnthropic(base_url=url, api_key=GATEWAY_KEY, max_retries=0) as client,
        client.messages.stream(**arguments(recorded)) as stream,
    ):
        pieces = [text async for text in stream.text_stream]
        final = await stream.get_final_message()
    assert "".join(pieces) == text_of(recorded)
    assert final.stop_reason == "end_turn"
    assert final.role == "assistant" and final.content[-1].type == "text"


async def test_the_async_sdk_reads_the_whole_answer(gateway: tuple[str, Recording]) -> None:
    url, recorded = gateway
    async with anthropic.AsyncAnthropic(base_url=url, api_key=GATEWAY_KEY, max_retries=0) as client:
        message = await client.messages.create(**arguments(recorded))
    assert message.content[-1].text == text_of(recorded)  # type: ignore[union-attr]
    assert message.model.startswith(provider_of(recorded))


def sync_texts(url: str, recorded: Recording) -> tuple[str, str]:
    with anthropic.Anthropic(base_url=url, api_key=GATEWAY_KEY, max_retries=0) as client:
        with client.messages.stream(**arguments(recorded)) as stream:
            streamed = "".join(stream.text_stream)
        whole = client.messages.create(**arguments(recorded)).content[-1].text  # type: ignore[union-attr]
    return streamed, whole


async def test_the_sync_sdk_streams_and_reads_the_exact_text(
    gateway: tuple[str, Recording],
) -> None:
    url, recorded = gateway
    streamed, whole = await asyncio.to_thread(sync_texts, url, recorded)
    assert streamed == whole == text_of(recorded)


async def test_the_sdk_raises_its_own_errors_for_the_gateways() -> None:
    async with (
        serving(api_key=GATEWAY_KEY) as url,
        anthropic.AsyncAnthropic(base_url=url, api_key=GATEWAY_KEY, max_retries=0) as client,
    ):
        hello = [{"role": "user", "content": "Hi"}]
        with pytest.raises(anthropic.NotFoundError, match="did you mean CodeLinkAva"):
            await client.messages.create(model="CodeLinkAv", max_tokens=5, messages=hello)
        image = [{"role": "user", "content": [{"type": "image", "source": {}}]}]
        with pytest.raises(anthropic.BadRequestError, match="'image' block: only text blocks"):
            await client.messages.create(model="CodeLinkAva", max_tokens=5, messages=image)  # type: ignore[arg-type]
        wrong = client.with_options(api_key="wrong")
        with pytest.raises(anthropic.AuthenticationError, match="incorrect API key"):
            await wrong.messages.create(model="CodeLinkAva", max_tokens=5, messages=hello)


async def test_a_failure_mid_stream_is_an_sdk_error_after_the_text() -> None:
    midstream = recording("openai_chat", "midstream_error")
    async with ReplayServer() as upstream:
        base_urls = {"OpenaiChat": upstream.base_url(upstream.add(midstream))}
        async with (
            serving(base_urls) as url,
            anthropic.AsyncAnthropic(base_url=url, api_key="none", max_retries=0) as client,
        ):
            pieces: list[str] = []
            with pytest.raises(anthropic.APIStatusError, match=midstream.expect["message"]):
                async with client.messages.stream(**arguments(midstream)) as stream:
                    async for text in stream.text_stream:
                        pieces.append(text)
    assert "".join(pieces) == "".join(midstream.expect["deltas_before_error"])


async def test_thinking_sent_back_is_passed_over_and_the_usage_asked_for() -> None:
    # The SDK's way: the last answer's content, its thinking block too, as the assistant's turn.
    bodies: list[dict[str, Any]] = []

    said = [
        {"role": "user", "content": "Hello"},
        {
            "role": "assistant",
            "content": [
                {"type": "thinking", "thinking": "A greeting.", "signature": "sig"},
                {"type": "text", "text": "Hi!"},
            ],
        },
        {"role": "user", "content": "Again"},
    ]
    async with (
        upstream_serving(answering_with_usage(bodies)) as upstream_url,
        serving({"OpenaiChat": upstream_url}) as url,
        anthropic.AsyncAnthropic(base_url=url, api_key="none", max_retries=0) as client,
        client.messages.stream(
            model="OpenaiChat/gpt-4o-mini",
            max_tokens=5,
            messages=said,  # type: ignore[arg-type]
        ) as stream,
    ):
        final = await stream.get_final_message()
    assert bodies[0]["messages"][1] == {
        "role": "assistant",
        "content": [{"type": "text", "text": "Hi!"}],
    }
    assert bodies[0]["stream_options"] == {"include_usage": True}
    assert (final.usage.input_tokens, final.usage.output_tokens) == (7, 1)
