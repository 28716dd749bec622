"""gpt4free's ``AsyncClient`` with generated providers: it calls ``create_async_generator``.

It passes ``stream=`` and its own keyword arguments with the caller's, by name: a generated
provider takes only those it declares, so a body that merges undeclared ones never gets them.
"""

from __future__ import annotations

import asyncio
from types import ModuleType

import pytest

from generated import ServerError, TextStream, TotalTimeoutError
from replay import Fault, ReplayServer

from ..conftest import recording
from .conftest import ANSWERS, CODELINK_AVA, OPENAI_CHAT, PROVIDERS, call, deltas

WAIT = 5.0
"""Seconds the event loop may take to close what gpt4free left open: far more than it needs."""


@pytest.mark.parametrize(("provider", "name"), ANSWERS)
async def test_async_client_answers_with_the_recorded_text(
    g4f_client: ModuleType, provider: str, name: str
) -> None:
    recorded = recording(provider, name)
    async with ReplayServer() as server:
        client = g4f_client.AsyncClient(base_url=server.base_url(server.add(recorded)))
        completion = await client.chat.completions.create(
            provider=PROVIDERS[provider], **call(recorded)
        )

    assert completion.choices[0].message.content == "".join(deltas(recorded))
    assert completion.choices[0].finish_reason == "stop"
    assert [request.json() for request in server.requests] == [recorded.request.json]


@pytest.mark.parametrize(("provider", "name"), ANSWERS)
async def test_async_client_streams_the_recorded_deltas(
    g4f_client: ModuleType, provider: str, name: str
) -> None:
    recorded = recording(provider, name)
    async with ReplayServer() as server:
        client = g4f_client.AsyncClient(base_url=server.base_url(server.add(recorded)))
        chunks = [
            chunk
            async for chunk in client.chat.completions.create(
                provider=PROVIDERS[provider], stream=True, **call(recorded)
            )
        ]

    assert [chunk.choices[0].delta.content for chunk in chunks] == [*deltas(recorded), None]
    assert chunks[-1].choices[0].finish_reason == "stop"
    assert [request.json() for request in server.requests] == [recorded.request.json]


async def test_closing_the_async_client_stream_early_closes_the_providers(
    g4f_client: ModuleType, closed_streams: list[TextStream]
) -> None:
    recorded = recording("codelink_ava", "hello")
    async with ReplayServer() as server:
        client = g4f_client.AsyncClient(base_url=server.base_url(server.add(recorded)))
        chunks = client.chat.completions.create(
            provider=CODELINK_AVA, stream=True, **call(recorded)
        )
        first = await anext(chunks)
        await chunks.aclose()
        # gpt4free leaves the generator it wraps the stream in to the event loop to close.
        async with asyncio.timeout(WAIT):
            while not closed_streams:
                await asyncio.sleep(0.01)

    assert first.choices[0].delta.content == "Hello"
    assert len(closed_streams) == 1


async def test_async_client_names_the_provider_of_the_answer(g4f_client: ModuleType) -> None:
    recorded = recording("codelink_ava", "hello")
    async with ReplayServer() as server:
        client = g4f_client.AsyncClient(base_url=server.base_url(server.add(recorded)))
        completion = await client.chat.completions.create(provider=CODELINK_AVA, **call(recorded))

    assert (completion.provider, completion.model) == ("CodeLinkAva", "gpt-3.5-turbo")


async def test_async_client_raises_the_providers_error(g4f_client: ModuleType) -> None:
    recorded = recording("codelink_ava", "server_error")
    async with ReplayServer() as server:
        base_url = server.base_url(server.add(recorded))
        client = g4f_client.AsyncClient(base_url=base_url)
        with pytest.raises(ServerError) as raised:
            await client.chat.completions.create(provider=CODELINK_AVA, **call(recorded))

    assert raised.value.status == 500
    assert str(raised.value) == (
        f"CodeLinkAva: HTTP 500: {recorded.response.body.decode()} [POST {base_url}/api/chat]"
    )


async def test_undeclared_arguments_reach_gpt4free_not_the_body(g4f_client: ModuleType) -> None:
    # The recorded caller passed max_tokens straight to CodeLinkAva, which merged it into the
    # body; through gpt4free, it is gpt4free's (it counts chunks by it) and not the provider's.
    recorded = recording("codelink_ava", "multiline")
    assert recorded.expect["call"] == {
        "model": "gpt-3.5-turbo",
        "messages": [{"role": "user", "content": "Write hello world in Python."}],
        "kwargs": {"max_tokens": 256},
    }
    async with ReplayServer() as server:
        client = g4f_client.AsyncClient(
            base_url=server.base_url(server.add(recorded)), api_key="sk-for-gpt4free"
        )
        completion = await client.chat.completions.create(
            provider=CODELINK_AVA, top_p=0.5, **call(recorded)
        )

    assert completion.choices[0].message.content == "".join(deltas(recorded))
    assert [request.json() for request in server.requests] == [
        {
            "messages": [{"role": "user", "content": "Write hello world in Python."}],
            "temperature": 0.6,
            "stream": True,
        }
    ]


async def test_client_api_key_is_not_the_providers(g4f_client: ModuleType, openai_key: str) -> None:
    recorded = recording("openai_chat", "haiku")
    async with ReplayServer() as server:
        client = g4f_client.AsyncClient(
            base_url=server.base_url(server.add(recorded)), api_key="sk-for-gpt4free"
        )
        await client.chat.completions.create(provider=OPENAI_CHAT, **call(recorded))

    # The key is the one the spec reads from the environment.
    assert [request.headers["Authorization"] for request in server.requests] == [
        f"Bearer {openai_key}"
    ]


@pytest.mark.parametrize(
    ("limit", "reason"), [({"stop": [" How"]}, "stop"), ({"max_tokens": 2}, "length")]
)
async def test_gpt4free_cuts_the_answer_itself(
    g4f_client: ModuleType, limit: dict[str, object], reason: str
) -> None:
    # max_tokens counts the provider's deltas: "Hello" and "!".
    recorded = recording("codelink_ava", "hello")
    async with ReplayServer() as server:
        client = g4f_client.AsyncClient(base_url=server.base_url(server.add(recorded)))
        completion = await client.chat.completions.create(
            provider=CODELINK_AVA, **call(recorded), **limit
        )

    assert completion.choices[0].message.content == "Hello!"
    assert completion.choices[0].finish_reason == reason
    assert [request.json() for request in server.requests] == [recorded.request.json]


async def test_timeout_is_the_providers_total(g4f_client: ModuleType) -> None:
    recorded = recording("codelink_ava", "hello")
    async with ReplayServer() as server:
        base_url = server.base_url(server.add(recorded, fault=Fault(stall_after=600)))
        client = g4f_client.AsyncClient(base_url=base_url)
        texts: list[str | None] = []
        with pytest.raises(TotalTimeoutError) as raised:
            async for chunk in client.chat.completions.create(
                provider=CODELINK_AVA, stream=True, timeout=0.3, **call(recorded)
            ):
                texts.append(chunk.choices[0].delta.content)

    assert texts == ["Hello"]
    assert str(raised.value) == (
        f"CodeLinkAva: the total timeout expired [POST {base_url}/api/chat]"
    )
