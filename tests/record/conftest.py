"""What the recorder's tests share: specs, the call a recording was made with, servers."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from generated import TextDelta
from generated._runtime._config import Retries
from generator import load_specs
from generator._model import ProviderSpec
from replay import Recording, ReplayServer, load_recording
from replay._record import CallToRecord, write_recording

from ..conftest import ROOT, instant_retries
from ..providers.test_recordings import as_json, check_outcome, collect, provider_of


@pytest.fixture(autouse=True)
def no_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    instant_retries(monkeypatch, Retries)


def spec(module: str) -> ProviderSpec:
    """The project's spec of ``module``."""
    [loaded] = load_specs([ROOT / "specs" / f"{module}.yaml"], ROOT)
    return loaded


def call_of(recording: Recording, base_url: str | dict[str, str]) -> CallToRecord:
    """The command line that makes ``recording``'s call, sent to ``base_url``."""
    call: Any = recording.expect["call"]
    [message] = call["messages"]
    params = tuple(
        f"{name}={value if isinstance(value, str) else json.dumps(value)}"
        for name, value in call["kwargs"].items()
    )
    return CallToRecord(message["content"], call["model"], base_url, params)


def call_arguments(recording: Recording) -> tuple[str, list[Any]]:
    """The model and messages of ``recording``'s call."""
    call: Any = recording.expect["call"]
    return call["model"], call["messages"]


@asynccontextmanager
async def local_server(handler: Any) -> AsyncIterator[str]:
    """An aiohttp server on 127.0.0.1 answering every request with ``handler``; its URL."""
    runner = web.ServerRunner(web.Server(handler, handler_cancellation=True))
    await runner.setup()
    try:
        await web.TCPSite(runner, "127.0.0.1", 0).start()
        yield f"http://127.0.0.1:{runner.addresses[0][1]}"
    finally:
        await runner.cleanup()


def saved(data: dict[str, object], folder: Path, module: str) -> Recording:
    """``data`` written as ``folder/<module>/recorded.json`` and loaded back."""
    path = folder / module / "recorded.json"
    write_recording(data, path)
    return load_recording(path)


async def replay(recording: Recording) -> bytes:
    """Check that ``recording`` replays as its ``expect`` says; the body the provider sent."""
    call: Any = recording.expect["call"]
    async with ReplayServer() as server:
        route = server.add(recording)
        stream = provider_of(recording).create_async_generator(
            call["model"],
            call["messages"],
            base_url=server.base_url(route),
            max_retries=0,  # one request, as recorded
            **call["kwargs"],
        )
        events, error = await collect(stream.events())
        [sent] = server.requests
    check_outcome(recording, [e.text for e in events if isinstance(e, TextDelta)], error)
    if "events" in recording.expect:
        assert [as_json(event) for event in events] == recording.expect["events"]
    return sent.body
