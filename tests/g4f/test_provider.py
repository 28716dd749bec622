"""What gpt4free reads of a provider class, each with what it does with it (docs/gpt4free.md)."""

from __future__ import annotations

import asyncio
from types import ModuleType
from typing import Any

import pytest

from generated import ServerError
from replay import Fault, ReplayServer

from ..conftest import recording
from .conftest import CODELINK_AVA, NOT_INSTALLED, call, served

READ = {
    "__name__",
    "create_async_generator",
    "create_completion",
    "get_dict",
    "label",
    "live",
    "login_url",
    "needs_auth",
    "url",
    "use_stream_timeout",
}
"""What docs/gpt4free.md lists of what gpt4free's clients read of a provider in a chat
completion (``url`` through ``get_dict``, and the provider's own headers)."""

OWN = {"arguments", "provider"}
"""What the adapter's own methods read of it: the provider the calls go to, and what it takes."""


def spied(provider: type, reads: set[str]) -> type:
    """A subclass of ``provider`` that adds to ``reads`` each attribute read of it (but
    Python's own, ``__dict__``, ``__mro__``, ..., and the provider's private ones, which only
    its own methods read)."""

    class Spy(type):
        def __getattribute__(cls, name: str) -> Any:
            if name == "__name__" or not name.startswith("_"):
                reads.add(name)
            return super().__getattribute__(name)

    return Spy(provider.__name__, (provider,), {})


def test_gpt4free_reads_only_what_docs_list(g4f_client: ModuleType) -> None:
    reads: set[str] = set()
    provider = spied(CODELINK_AVA, reads)
    recorded = recording("codelink_ava", "hello")

    def ask(base_url: str, stream: bool) -> None:
        create = g4f_client.Client(base_url=base_url).chat.completions.create
        answer = create(provider=provider, stream=stream, **call(recorded))
        if stream:
            list(answer)  # the chunks; without stream, the whole answer is read already

    async def ask_async(base_url: str, stream: bool) -> None:
        create = g4f_client.AsyncClient(base_url=base_url).chat.completions.create
        if stream:
            async for _ in create(provider=provider, stream=True, **call(recorded)):
                pass
        else:
            await create(provider=provider, **call(recorded))

    with served(recorded) as server:
        for stream in (False, True):
            ask(server.base_url("hello"), stream)
            asyncio.run(ask_async(server.base_url("hello"), stream))

    assert reads - OWN <= READ, sorted(reads - OWN - READ)
    assert {"create_async_generator", "create_completion", "get_dict", "live"} <= reads


def test_client_calls_create_completion_and_async_client_create_async_generator() -> None:
    methods = pytest.importorskip("g4f.providers.base_provider", reason=NOT_INSTALLED)

    assert methods.get_provider_method(CODELINK_AVA) == CODELINK_AVA.create_completion
    assert methods.get_async_provider_method(CODELINK_AVA) == CODELINK_AVA.create_async_generator


def test_needs_auth_is_false_so_gpt4free_looks_up_no_key(monkeypatch: pytest.MonkeyPatch) -> None:
    auth = pytest.importorskip("g4f.tools.auth", reason=NOT_INSTALLED)
    monkeypatch.setenv("CODELINKAVA_API_KEY", "sk-never-read")

    assert CODELINK_AVA.needs_auth is False
    assert auth.AuthManager.load_api_key(CODELINK_AVA) is None


async def test_live_counts_answers_up_and_failures_down(
    g4f_client: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(CODELINK_AVA, "live", 0)  # and back after the test: g4f changes it
    hello = recording("codelink_ava", "hello")
    failure = recording("codelink_ava", "server_error")
    async with ReplayServer() as server:
        client = g4f_client.AsyncClient(base_url=server.base_url(server.add(hello)))
        failing = g4f_client.AsyncClient(base_url=server.base_url(server.add(failure)))
        await client.chat.completions.create(provider=CODELINK_AVA, **call(hello))
        await client.chat.completions.create(provider=CODELINK_AVA, **call(hello))
        assert CODELINK_AVA.live == 2
        with pytest.raises(ServerError):
            await failing.chat.completions.create(provider=CODELINK_AVA, **call(failure))

    assert CODELINK_AVA.live == 1


async def test_use_stream_timeout_has_gpt4free_time_each_chunk(g4f_client: ModuleType) -> None:
    recorded = recording("codelink_ava", "hello")
    async with ReplayServer() as server:
        base_url = server.base_url(server.add(recorded, fault=Fault(stall_after=600)))
        client = g4f_client.AsyncClient(base_url=base_url)
        texts: list[str | None] = []
        with pytest.raises(TimeoutError) as raised:
            async for chunk in client.chat.completions.create(
                provider=CODELINK_AVA, stream=True, stream_timeout=0.3, **call(recorded)
            ):
                texts.append(chunk.choices[0].delta.content)

    # gpt4free's own TimeoutError: the provider's timeouts are its spec's (60 s idle).
    assert texts == ["Hello"]
    assert type(raised.value) is TimeoutError
    assert str(raised.value) == "The operation timed out after 0.3 seconds"
