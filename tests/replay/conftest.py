"""What the replay tests share: a recording to serve, a server and a client session."""

from __future__ import annotations

import copy
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from generated._runtime._config import Retries
from replay import Fault, ReplayServer, load_recording

from ..conftest import instant_retries

# "€" is E2 82 AC: the third and fourth chunks split it, so neither is valid UTF-8 alone.
CHUNKS: list[Any] = [
    'data: {"text":"Hel"}\n\n',
    'data: {"text":"lo"}\n\n',
    {"base64": "ZGF0YTog4oI="},  # b"data: \xe2\x82"
    {"base64": "rAoK"},  # b"\xac\n\n"
    "data: [DONE]\n\n",
]
BODY = 'data: {"text":"Hel"}\n\ndata: {"text":"lo"}\n\ndata: €\n\ndata: [DONE]\n\n'.encode()
TARGET = "/v1/chat?alt=sse"


@pytest.fixture(autouse=True)
def no_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    instant_retries(monkeypatch, Retries)


def recording_data(**response: Any) -> dict[str, Any]:
    """A fresh recording as JSON data; ``response`` keys replace the defaults."""
    data = {
        "description": "two deltas, a split character, then [DONE]",
        "request": {
            "method": "POST",
            "url": f"https://api.example.com{TARGET}",
            "headers": {"Accept": "text/event-stream"},
            "json": {"messages": [{"role": "user", "content": "hi"}]},
        },
        "response": {
            "status": 200,
            "headers": {
                "Content-Type": "text/event-stream",
                "X-Request-Id": "req-1",
                "Content-Length": "999",
            },
            "chunks": CHUNKS,
            "delays": [0.03] * len(CHUNKS),
        }
        | response,
        "expect": {"deltas": ["Hel", "lo"]},
    }
    return copy.deepcopy(data)


def write(directory: Path, data: object, name: str = "chat") -> Path:
    path = directory / f"{name}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.fixture
async def server() -> AsyncIterator[ReplayServer]:
    async with ReplayServer() as replay:
        yield replay


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as client:
        yield client


def add(server: ReplayServer, tmp_path: Path, fault: Fault | None = None, **response: Any) -> str:
    """Add the default recording (with ``response`` overrides) and return its chat URL."""
    recording = load_recording(write(tmp_path, recording_data(**response)))
    name = server.add(recording, name=f"r{len(server.routes)}", fault=fault)
    return server.base_url(name) + TARGET


async def reads_of(
    response: aiohttp.ClientResponse, into: list[bytes] | None = None
) -> list[bytes]:
    """Every read the client made, as separate items; ``into`` keeps them if the read fails."""
    reads = [] if into is None else into
    async for data in response.content.iter_any():
        reads.append(data)
    return reads


def broken(path: list[str | int], value: object) -> dict[str, Any]:
    """The default recording with the value at ``path`` replaced (or removed, for ...)."""
    data = recording_data()
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    if value is ...:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data
