"""The generated CodeLinkAva provider against recorded CodeLink responses (aioresponses)."""

from __future__ import annotations

import json

import aiohttp
import pytest
from aioresponses import aioresponses

from generated import (
    IncompleteStreamError,
    MalformedEventError,
    ProviderError,
    ServerError,
    ServerReportedError,
    TextStream,
)
from generated.codelink_ava import CodeLinkAva

from ..conftest import recording, replay, sent_requests

SUCCESSES = ["hello", "non_ascii", "multiline"]
ENDPOINT = "https://ava-alpha-api.codelink.io/api/chat"


def extra_kwargs(name: str) -> dict[str, object]:
    """The undeclared keyword arguments the recorded caller passed (merged into the body)."""
    recorded = recording("codelink_ava", name).request.json
    assert isinstance(recorded, dict)
    return {k: v for k, v in recorded.items() if k not in ("messages", "temperature", "stream")}


@pytest.mark.parametrize("name", SUCCESSES)
async def test_yields_the_recorded_deltas_in_order(mock_http: aioresponses, name: str) -> None:
    recorded = recording("codelink_ava", name)
    replay(mock_http, recorded)
    assert isinstance(recorded.request.json, dict)
    messages = recorded.request.json["messages"]

    stream = CodeLinkAva.create_async_generator("gpt-3.5-turbo", messages, **extra_kwargs(name))
    deltas = [delta async for delta in stream]

    assert deltas == recorded.expect["deltas"]
    assert "".join(deltas) == "".join(recorded.expect["deltas"])  # type: ignore[arg-type]


@pytest.mark.parametrize("name", SUCCESSES)
async def test_sends_exactly_the_recorded_request(mock_http: aioresponses, name: str) -> None:
    recorded = recording("codelink_ava", name)
    replay(mock_http, recorded)
    assert isinstance(recorded.request.json, dict)

    await CodeLinkAva.create_async_generator(
        "gpt-3.5-turbo", recorded.request.json["messages"], **extra_kwargs(name)
    ).text()

    [sent] = sent_requests(mock_http)
    assert (sent.method, sent.url) == ("POST", ENDPOINT)
    assert sent.headers == recorded.request.headers
    assert sent.json() == recorded.request.json
    assert sent.body == json.dumps(recorded.request.json).encode()  # key order too


async def test_joined_text_of_the_multiline_answer(mock_http: aioresponses) -> None:
    replay(mock_http, recording("codelink_ava", "multiline"))
    text = await CodeLinkAva.create_async_generator(
        "", [{"role": "user", "content": "Write hello world in Python."}], max_tokens=256
    ).text()
    assert text == (
        'Here is a minimal example:\n\n```python\nprint("Hello, world!")\n```\n\n'
        "Run it with `python hello.py`."
    )


async def test_the_awaited_form_of_the_original_documentation(mock_http: aioresponses) -> None:
    replay(mock_http, recording("codelink_ava", "hello"))
    messages = [{"role": "user", "content": "Hello!"}]
    stream = await CodeLinkAva.create_async_generator("gpt-3.5-turbo", messages)  # type: ignore[arg-type]
    assert isinstance(stream, TextStream)
    assert "".join([t async for t in stream]) == "Hello! How can I help you today?"


async def test_kwargs_are_merged_last_and_may_override(mock_http: aioresponses) -> None:
    mock_http.post(ENDPOINT, body=b"data: [DONE]\n\n", content_type="text/event-stream")
    await CodeLinkAva.create_async_generator(
        "gpt-3.5-turbo", [], temperature=0.1, stream=False, user="u-1"
    ).text()
    [sent] = sent_requests(mock_http)
    assert sent.json() == {"messages": [], "temperature": 0.1, "stream": False, "user": "u-1"}


async def test_reserved_keywords_never_reach_the_body(mock_http: aioresponses) -> None:
    mock_http.post(
        "http://127.0.0.1:9/mirror/api/chat",
        body=b"data: [DONE]\n\n",
        content_type="text/event-stream",
    )
    async with aiohttp.ClientSession() as session:
        stream = CodeLinkAva.create_async_generator(
            "gpt-3.5-turbo",
            [],
            session=session,
            proxy=None,
            timeout=30,
            base_url="http://127.0.0.1:9/mirror",
            max_retries=0,
        )
        assert await stream.text() == ""
        assert not session.closed, "the caller's session must be left open"
    [sent] = sent_requests(mock_http)
    url = sent.url
    assert url == "http://127.0.0.1:9/mirror/api/chat"
    assert sent.json() == {"messages": [], "temperature": 0.6, "stream": True}


async def test_a_500_raises_a_typed_error_with_status_and_excerpt(mock_http: aioresponses) -> None:
    replay(mock_http, recording("codelink_ava", "server_error"))
    stream = CodeLinkAva.create_async_generator("", [{"role": "user", "content": "Hello!"}])
    with pytest.raises(ServerError) as caught:
        await stream.text()
    error = caught.value
    assert error.status == 500
    assert error.provider == "CodeLinkAva"
    assert "The server had an error while processing your request" in error.body_excerpt
    assert str(error).startswith("CodeLinkAva: HTTP 500: {")
    assert f"POST {ENDPOINT}" in str(error)


async def test_a_malformed_event_names_the_provider_and_quotes_the_line(
    mock_http: aioresponses,
) -> None:
    body = b'data: {"choices":[{"delta":{"content":"Hi"}}]}\n\ndata: {"choices": [oops\n\n'
    mock_http.post(ENDPOINT, body=body, content_type="text/event-stream")
    deltas = []
    with pytest.raises(MalformedEventError) as caught:
        async for delta in CodeLinkAva.create_async_generator("", []):
            deltas.append(delta)
    assert deltas == ["Hi"]
    assert caught.value.provider == "CodeLinkAva"
    assert caught.value.line == '{"choices": [oops'
    assert "'{\"choices\": [oops'" in str(caught.value)


async def test_a_long_malformed_line_is_quoted_shortened(mock_http: aioresponses) -> None:
    mock_http.post(
        ENDPOINT, body=b"data: {" + b"x" * 5000 + b"\n\n", content_type="text/event-stream"
    )
    with pytest.raises(MalformedEventError) as caught:
        await CodeLinkAva.create_async_generator("", []).text()
    assert len(caught.value.line) == 200
    assert caught.value.line.endswith("…")


async def test_a_stream_without_done_is_incomplete_not_shorter(mock_http: aioresponses) -> None:
    body = b'data: {"choices":[{"delta":{"content":"Half an"}}]}\n\n'
    mock_http.post(ENDPOINT, body=body, content_type="text/event-stream")
    deltas = []
    with pytest.raises(IncompleteStreamError):
        async for delta in CodeLinkAva.create_async_generator("", []):
            deltas.append(delta)
    assert deltas == ["Half an"]


async def test_an_error_in_the_stream_carries_the_server_message(mock_http: aioresponses) -> None:
    body = b'data: {"error":{"message":"Rate limit reached for default-gpt-3.5-turbo"}}\n\n'
    mock_http.post(ENDPOINT, body=body, content_type="text/event-stream")
    with pytest.raises(ServerReportedError) as caught:
        await CodeLinkAva.create_async_generator("", []).text()
    assert caught.value.server_message == "Rate limit reached for default-gpt-3.5-turbo"


async def test_every_error_is_a_provider_error(mock_http: aioresponses) -> None:
    mock_http.post(ENDPOINT, status=404, body=b"no such route")
    with pytest.raises(ProviderError, match="HTTP 404: no such route"):
        await CodeLinkAva.create_async_generator("", []).text()


def test_class_attributes_match_the_original() -> None:
    assert CodeLinkAva.url == "https://ava-ai-ef611.web.app"
    assert CodeLinkAva.supports_gpt_35_turbo is True
    assert CodeLinkAva.working is False
    assert CodeLinkAva.default_model == "gpt-3.5-turbo"
    assert CodeLinkAva.models == ("gpt-3.5-turbo",)
