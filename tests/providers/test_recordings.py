"""Every provider against every recording: exact request, exact deltas, split-invariance.

Each recording's ``expect.call`` says how the recorded request was made; the rest of ``expect``
says what the provider must yield (``deltas``, or ``text`` for raw-text framing) or raise.
"""

from __future__ import annotations

import asyncio
import importlib
import itertools
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aioresponses import aioresponses
from hypothesis import given, settings
from hypothesis import strategies as st

import generated as errors
from generated import AsyncGeneratorProvider
from generated._runtime._framings import Origin, TextFraming
from replay import Recording

from ..conftest import all_recordings, replay, sent_requests

SECRETS = {"OPENAI_API_KEY": "sk-test-0123456789", "ANTHROPIC_API_KEY": "sk-ant-test-0123"}
RECORDINGS = all_recordings()
STREAMED = [r for r in RECORDINGS if r.response.status == 200]


def ids(recording: Recording) -> str:
    return f"{recording.path.parent.name}/{recording.name}"


def module_of(recording: Recording) -> Any:
    return importlib.import_module(f"generated.{recording.path.parent.name}")


def provider_of(recording: Recording) -> Any:
    module = module_of(recording)
    [provider] = [
        value
        for value in vars(module).values()
        if isinstance(value, type)
        and issubclass(value, AsyncGeneratorProvider)
        and value is not AsyncGeneratorProvider
    ]
    return provider


def start(recording: Recording) -> Any:
    call = recording.expect["call"]
    assert isinstance(call, dict)
    provider = provider_of(recording)
    return provider.create_async_generator(call["model"], call["messages"], **call["kwargs"])


async def collect(stream: AsyncIterator[str]) -> tuple[list[str], BaseException | None]:
    """The deltas yielded, and the error that ended the stream, if any."""
    deltas: list[str] = []
    try:
        async for delta in stream:
            deltas.append(delta)
    except errors.ProviderError as error:
        return deltas, error
    return deltas, None


@pytest.fixture(autouse=True)
def secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in SECRETS.items():
        monkeypatch.setenv(name, value)


def with_secrets(headers: dict[str, str]) -> dict[str, str]:
    """Recorded headers hold ``<NAME>`` where the secret in NAME was sent."""
    result = {}
    for key, value in headers.items():
        for name, secret in SECRETS.items():
            value = value.replace(f"<{name}>", secret)
        result[key] = value
    return result


def check_outcome(recording: Recording, deltas: list[str], error: BaseException | None) -> None:
    expect = recording.expect
    if "error" in expect:
        assert type(error).__name__ == expect["error"], error
        if "status" in expect:
            assert isinstance(error, errors.APIStatusError) and error.status == expect["status"]
        if "message" in expect:
            assert isinstance(error, errors.ServerReportedError)
            assert error.server_message == expect["message"]
        assert deltas == expect.get("deltas_before_error", [])
        return
    assert error is None, error
    if "deltas" in expect:
        assert deltas == expect["deltas"]
    else:
        assert "".join(deltas) == expect["text"]


@pytest.mark.parametrize("recording", RECORDINGS, ids=ids)
async def test_sends_exactly_the_recorded_request(
    mock_http: aioresponses, recording: Recording
) -> None:
    replay(mock_http, recording)
    await collect(start(recording))
    attempts = sent_requests(mock_http)  # several when a 5xx was retried: all the same
    assert attempts
    for method, url, sent in attempts:
        assert (method, url) == (recording.request.method, recording.request.url)
        assert sent["headers"] == with_secrets(recording.request.headers)
        assert sent["json"] == recording.request.json


@pytest.mark.parametrize("recording", RECORDINGS, ids=ids)
async def test_yields_or_raises_what_was_recorded(
    mock_http: aioresponses, recording: Recording
) -> None:
    replay(mock_http, recording)
    deltas, error = await collect(start(recording))
    check_outcome(recording, deltas, error)


async def _chunks(pieces: list[bytes]) -> AsyncIterator[bytes]:
    for piece in pieces:
        yield piece


def decode(recording: Recording, pieces: list[bytes]) -> tuple[list[str], str | None]:
    """Run the provider's framing over ``pieces``; the deltas and the error type, if any."""
    framing = module_of(recording)._ENDPOINT.framing
    origin = Origin(provider_of(recording).__name__, "test")
    deltas, error = asyncio.run(collect(framing.deltas(_chunks(pieces), origin)))
    if isinstance(framing, TextFraming):
        deltas = ["".join(deltas)]  # raw text: the deltas are the reads; only the text is fixed
    return deltas, type(error).__name__ if error else None


def split(body: bytes, cuts: list[int]) -> list[bytes]:
    bounds = [0, *sorted(set(cuts)), len(body)]
    return [body[a:b] for a, b in itertools.pairwise(bounds) if b > a]


@pytest.mark.parametrize("recording", STREAMED, ids=ids)
def test_recorded_chunks_one_chunk_and_single_bytes_agree(recording: Recording) -> None:
    body = recording.response.body
    as_recorded = decode(recording, list(recording.response.chunks))
    assert as_recorded == decode(recording, [body])
    assert as_recorded == decode(recording, [body[i : i + 1] for i in range(len(body))])


@pytest.mark.parametrize("recording", STREAMED, ids=ids)
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_any_split_of_the_body_yields_the_same_deltas(
    recording: Recording, data: st.DataObject
) -> None:
    body = recording.response.body
    cuts = data.draw(st.lists(st.integers(1, max(1, len(body) - 1)), max_size=40))
    assert decode(recording, split(body, cuts)) == decode(recording, [body])


@pytest.mark.parametrize("recording", STREAMED, ids=ids)
def test_splits_inside_line_ends_and_characters(recording: Recording) -> None:
    body = recording.response.body
    inside_crlf = [i + 1 for i in range(len(body) - 1) if body[i : i + 2] == b"\r\n"]
    inside_chars = [i for i in range(1, len(body)) if body[i] & 0xC0 == 0x80]
    after_cr_or_lf = [i + 1 for i in range(len(body)) if body[i] in b"\r\n"]
    for cuts in (inside_crlf, inside_chars, after_cr_or_lf):
        assert decode(recording, split(body, cuts)) == decode(recording, [body])


def test_there_is_a_recording_of_every_framing() -> None:
    framings = {type(module_of(r)._ENDPOINT.framing).__name__ for r in RECORDINGS}
    assert framings == {"SSEFraming", "NDJSONFraming", "TextFraming"}
