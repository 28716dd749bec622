"""Shared test helpers: where things are, recordings replayed through aioresponses."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from aioresponses import aioresponses

import generated._runtime._config as generated_config
import generator.runtime._config as runtime_config
from generated import TextStream
from replay import Recording, load_recording

ROOT = Path(__file__).resolve().parents[1]
RECORDINGS = ROOT / "recordings"
DATA = Path(__file__).parent / "data"


def recording(provider: str, name: str) -> Recording:
    """The recording recordings/<provider>/<name>.json."""
    return load_recording(RECORDINGS / provider / f"{name}.json")


def all_recordings() -> list[Recording]:
    """Every recording of the project's providers."""
    return [load_recording(path) for path in sorted(RECORDINGS.glob("*/*.json"))]


@pytest.fixture(autouse=True)
def no_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    """Retry at once: the backoff schedule has its own tests, and sleeping would slow the rest.

    Both copies of the runtime are patched: its source, and the one in ``generated``.
    """
    for module in (runtime_config, generated_config):
        monkeypatch.setattr(module.Retries, "backoff", lambda self, attempt: 0.0)


@pytest.fixture
def mock_http() -> Iterator[aioresponses]:
    """aioresponses, active for the test; no request reaches the network."""
    with aioresponses() as mock:
        yield mock


def replay(mock: aioresponses, recorded: Recording, url: str | None = None) -> None:
    """Answer the recorded request with the recorded response (aioresponses: one chunk)."""
    headers = dict(recorded.response.headers)
    content_type = headers.pop("Content-Type", "application/octet-stream")
    mock.add(
        url or recorded.request.url,
        method=recorded.request.method,
        status=recorded.response.status,
        body=recorded.response.body,
        headers=headers,
        content_type=content_type,
        repeat=True,
    )


class SentRequest(NamedTuple):
    """A request the code under test made, as aioresponses saw it."""

    method: str
    url: str
    headers: dict[str, str]
    body: bytes
    """The body's bytes, empty for none."""

    def json(self) -> Any:
        """The body, decoded as JSON."""
        return json.loads(self.body)


def sent_requests(mock: aioresponses) -> list[SentRequest]:
    """Every request the code under test made, in order."""
    return [
        SentRequest(method, str(url), dict(call.kwargs["headers"]), call.kwargs["data"] or b"")
        for (method, url), calls in mock.requests.items()
        for call in calls
    ]


@pytest.fixture
def closed_streams(monkeypatch: pytest.MonkeyPatch) -> list[TextStream]:
    """Every stream of the generated package closed during the test (``aclose``), in order."""
    closed: list[TextStream] = []
    aclose = TextStream.aclose

    async def noted_aclose(stream: TextStream) -> None:
        closed.append(stream)
        await aclose(stream)

    monkeypatch.setattr(TextStream, "aclose", noted_aclose)
    return closed
