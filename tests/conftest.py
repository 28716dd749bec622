"""Shared test helpers: where things are, recordings replayed through aioresponses.

Nothing here imports a runtime: tests of the runtime's source (``runtime/``, ``generator/``)
and tests of the project's built package (the other folders) each use one copy of it, and the
fixtures that patch it are their folders' own (``instant_retries``, ``noting_closes``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from aioresponses import aioresponses

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


def instant_retries(monkeypatch: pytest.MonkeyPatch, retries: type) -> None:
    """Retry at once (``retries`` is the ``Retries`` class of the runtime a test uses): the
    backoff schedule has its own tests, and sleeping would slow the rest."""
    monkeypatch.setattr(retries, "backoff", lambda self, attempt: 0.0)


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


def noting_closes(monkeypatch: pytest.MonkeyPatch, stream_class: Any) -> list[Any]:
    """Every stream closed during the test (``aclose``), in order; ``stream_class`` is the
    ``TextStream`` of the runtime the test uses."""
    closed: list[Any] = []
    aclose = stream_class.aclose

    async def noted_aclose(stream: Any) -> None:
        closed.append(stream)
        await aclose(stream)

    monkeypatch.setattr(stream_class, "aclose", noted_aclose)
    return closed
