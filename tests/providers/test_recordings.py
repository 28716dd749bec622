"""Every provider against every recording: exact request, exact deltas and events, any split.

Each recording's ``expect.call`` says how the recorded request was made; the rest of ``expect``
says what the provider must yield (``deltas``, or ``text`` for raw-text framing, and ``events``
for the typed events of ``stream.events()``) or raise. Secrets come from the variables each
provider's spec reads: a recording holds ``<NAME>`` where the value of ``NAME`` was sent.

After an intended change to a spec, rewrite the recorded requests from what the providers now
send with ``UPDATE_RECORDINGS=1 python -m pytest tests/providers/test_recordings.py``, and
review the change with ``git diff recordings/``.
"""

from __future__ import annotations

import importlib
import itertools
import json
import os
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

import pytest
from aioresponses import aioresponses
from hypothesis import given, settings
from hypothesis import strategies as st

import generated as errors
from generated import (
    AsyncGeneratorProvider,
    Finish,
    ReasoningDelta,
    StreamEvent,
    TextDelta,
    ToolCallDelta,
    Usage,
)
from generated._runtime._framings import Origin, TextFraming
from replay import Recording

from ..conftest import SentRequest, all_recordings, replay, sent_requests, served_recordings
from ..reading import read_body

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


def secrets_of(recording: Recording) -> dict[str, str]:
    """A test value for each environment variable the provider's spec reads."""
    return {name: f"test-{name.lower()}" for name in module_of(recording)._ENDPOINT.secrets}


@pytest.fixture
def recording(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Recording:
    """The recording the test is parametrized with, its provider's secrets set."""
    recorded: Recording = request.param
    for name, value in secrets_of(recorded).items():
        monkeypatch.setenv(name, value)
    return recorded


def with_secrets(text: str, recording: Recording) -> str:
    """Recorded text with each ``<NAME>`` replaced by the value the test set for NAME."""
    for name, value in secrets_of(recording).items():
        text = text.replace(f"<{name}>", value)
    return text


def without_secrets(text: str, recording: Recording) -> str:
    """Sent text with each secret value replaced by ``<NAME>``, as recordings keep it."""
    for name, value in secrets_of(recording).items():
        text = text.replace(value, f"<{name}>")
    return text


def start(recording: Recording) -> Any:
    call = recording.expect["call"]
    assert isinstance(call, dict)
    provider = provider_of(recording)
    return provider.create_async_generator(call["model"], call["messages"], **call["kwargs"])


async def collect(stream: AsyncIterator[Any]) -> tuple[list[Any], BaseException | None]:
    """What the stream yielded, and the error that ended it, if any."""
    items: list[Any] = []
    try:
        async for item in stream:
            items.append(item)
    except errors.ProviderError as error:
        return items, error
    return items, None


def as_json(event: StreamEvent) -> dict[str, object]:
    """An event as a recording's ``expect.events`` writes it."""
    if isinstance(event, TextDelta):
        return {"text": event.text}
    if isinstance(event, ReasoningDelta):
        return {"reasoning": event.text}
    if isinstance(event, ToolCallDelta):
        return {"tool_call": event.delta}
    if isinstance(event, Usage):
        counts = {"input_tokens": event.input_tokens, "output_tokens": event.output_tokens}
        return {"usage": {key: value for key, value in counts.items() if value is not None}}
    assert isinstance(event, Finish)
    return {"finish": event.reason}


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


def replay_with_secrets(mock: aioresponses, recording: Recording) -> None:
    replay(mock, recording, url=with_secrets(recording.request.url, recording))


@pytest.mark.parametrize("recording", RECORDINGS, ids=ids, indirect=True)
async def test_sends_exactly_the_recorded_request(
    mock_http: aioresponses, recording: Recording
) -> None:
    replay_with_secrets(mock_http, recording)
    await collect(start(recording))
    attempts = sent_requests(mock_http)  # several when a 5xx was retried: all the same
    assert attempts
    if os.environ.get("UPDATE_RECORDINGS"):
        rewrite_request(recording, attempts[0])
        return
    for sent in attempts:
        assert (sent.method, *url_parts(sent.url)) == (
            recording.request.method,
            *url_parts(with_secrets(recording.request.url, recording)),
        )
        expected_headers = {
            k: with_secrets(v, recording) for k, v in recording.request.headers.items()
        }
        assert sent.headers == expected_headers
        assert body_of(sent, recording) == body_of_recorded(recording)


def url_parts(url: str) -> tuple[str, list[tuple[str, str]]]:
    """A URL's origin and path, and its query's pairs decoded, sorted (aioresponses sorts
    them): what a server reads of it, however its characters were escaped."""
    parts = urlsplit(url)
    pairs = sorted(parse_qsl(parts.query, True))
    return f"{parts.scheme}://{parts.netloc}{unquote(parts.path)}", pairs


def body_of_recorded(recording: Recording) -> object:
    request = recording.request
    return request.json if request.form is None else request.form


def body_of(sent: SentRequest, recording: Recording) -> object:
    """The body sent, read as the recording writes it: JSON, form fields, or none."""
    if not sent.body:
        return None
    if recording.request.form is not None:
        return dict(parse_qsl(sent.body.decode(), keep_blank_values=True))
    return sent.json()


def rewrite_request(recording: Recording, sent: SentRequest) -> None:
    """Put what the provider sent in place of the recorded request, secrets as ``<NAME>``."""
    data = json.loads(recording.path.read_text(encoding="utf-8"))
    request: dict[str, object] = {
        "method": sent.method,
        "url": without_secrets(sent.url, recording),
        "headers": {k: without_secrets(v, recording) for k, v in sent.headers.items()},
    }
    if sent.body:
        form = recording.request.form is not None
        request["form" if form else "json"] = body_of(sent, recording)
    data["request"] = request
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    recording.path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("recording", RECORDINGS, ids=ids, indirect=True)
async def test_yields_or_raises_what_was_recorded(
    mock_http: aioresponses, recording: Recording
) -> None:
    replay_with_secrets(mock_http, recording)
    deltas, error = await collect(start(recording))
    check_outcome(recording, deltas, error)


WITH_EVENTS = [r for r in RECORDINGS if "events" in r.expect]


@pytest.mark.parametrize("recording", WITH_EVENTS, ids=ids, indirect=True)
async def test_events_are_what_the_recording_carries(
    mock_http: aioresponses, recording: Recording
) -> None:
    replay_with_secrets(mock_http, recording)
    stream = start(recording)
    events, error = await collect(stream.events())
    assert error is None, error
    assert [as_json(event) for event in events] == recording.expect["events"]
    finishes = [event.reason for event in events if isinstance(event, Finish)]
    assert stream.finish_reason == (finishes[-1] if finishes else None)


def decode(recording: Recording, pieces: list[bytes]) -> tuple[list[object], str | None]:
    """Run the provider's framing over ``pieces``; what it yields and the error type, if any."""
    framing = module_of(recording)._ENDPOINT.framing
    origin = Origin(provider_of(recording).__name__, "test")
    items, error = read_body(framing, pieces, origin, errors.ProviderError)
    if isinstance(framing, TextFraming):
        items = ["".join(items)]  # raw text: the deltas are the reads; only the text is fixed
    return items, type(error).__name__ if error else None


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
    framings |= {type(module_of(r)._ENDPOINT.framing).__name__ for r in served_recordings()}
    assert framings == {
        "SSEFraming",
        "NDJSONFraming",
        "JSONArrayFraming",
        "JSONFraming",
        "TextFraming",
        "WebSocketFraming",
        "EventStreamFraming",
    }
