"""The adapter gpt4free's clients take, without gpt4free (aioresponses).

gpt4free itself drives it in tests/g4f/, a process of its own. Here its calls are made as
gpt4free makes them: by name, with gpt4free's own keyword arguments besides the caller's.
"""

from __future__ import annotations

import inspect
from typing import Any

from aioresponses import aioresponses

from generated import TextStream, gpt4free_provider
from generated.codelink_ava import CodeLinkAva
from generated.ollama_chat import OllamaChat

from ..conftest import recording, replay, sent_requests

HELLO = [{"role": "user", "content": "Hello!"}]

GPT4FREE_ARGUMENTS: dict[str, Any] = {
    "stream": False,
    "api_key": "sk-for-gpt4free",
    "provider": CodeLinkAva,
    "media": [("data:image/png;base64,", "a.png")],
}
"""Some of what gpt4free's clients pass to every provider for themselves."""


async def test_the_adapter_passes_on_only_declared_arguments(mock_http: aioresponses) -> None:
    recorded = recording("codelink_ava", "hello")
    replay(mock_http, recorded)

    stream = gpt4free_provider(CodeLinkAva).create_async_generator(
        model="gpt-3.5-turbo",
        messages=HELLO,
        temperature=0.2,
        top_p=0.5,
        **GPT4FREE_ARGUMENTS,
    )

    assert await stream.text() == "Hello! How can I help you today?"
    [sent] = sent_requests(mock_http)
    assert sent.json() == {"messages": HELLO, "temperature": 0.2, "stream": True}


async def test_a_provider_that_refuses_undeclared_arguments_takes_gpt4free_calls(
    mock_http: aioresponses,
) -> None:
    recorded = recording("ollama_chat", "why_sky")
    replay(mock_http, recorded)
    recorded_call = recorded.expect["call"]
    assert isinstance(recorded_call, dict)

    stream = gpt4free_provider(OllamaChat).create_async_generator(
        model=recorded_call["model"],
        messages=recorded_call["messages"],
        **recorded_call["kwargs"],
        **GPT4FREE_ARGUMENTS,
    )

    assert [delta async for delta in stream] == recorded.expect["deltas"]
    [sent] = sent_requests(mock_http)
    assert sent.json() == recorded.request.json


def test_the_provider_itself_is_as_generated() -> None:
    parameters = inspect.signature(CodeLinkAva.create_async_generator).parameters
    assert list(parameters)[:3] == ["model", "messages", "temperature"]
    assert parameters["temperature"].default == 0.6
    assert not hasattr(CodeLinkAva, "create_completion")
    assert not hasattr(CodeLinkAva, "live")


def test_the_adapter_is_named_as_the_provider_and_made_once() -> None:
    adapter = gpt4free_provider(CodeLinkAva)
    assert adapter is gpt4free_provider(CodeLinkAva)
    assert (adapter.__name__, adapter.provider) == ("CodeLinkAva", CodeLinkAva)
    assert (adapter.url, adapter.working, adapter.default_model) == (
        CodeLinkAva.url,
        CodeLinkAva.working,
        CodeLinkAva.default_model,
    )
    assert adapter.arguments == {
        "temperature",
        "session",
        "proxy",
        "timeout",
        "base_url",
        "max_retries",
    }
    assert (adapter.needs_auth, adapter.use_stream_timeout, adapter.live) == (False, True, 0)


def test_create_completion_yields_the_deltas(mock_http: aioresponses) -> None:
    recorded = recording("codelink_ava", "hello")
    replay(mock_http, recorded)

    adapter = gpt4free_provider(CodeLinkAva)
    deltas = list(adapter.create_completion("gpt-3.5-turbo", HELLO, **GPT4FREE_ARGUMENTS))

    assert deltas == recorded.expect["deltas"]
    [sent] = sent_requests(mock_http)
    assert sent.json() == recorded.request.json


def test_closing_create_completion_early_closes_the_stream(
    mock_http: aioresponses, closed_streams: list[TextStream]
) -> None:
    replay(mock_http, recording("codelink_ava", "hello"))

    deltas = gpt4free_provider(CodeLinkAva).create_completion("gpt-3.5-turbo", HELLO, stream=True)
    assert next(deltas) == "Hello"
    deltas.close()

    assert len(closed_streams) == 1


def test_get_dict_describes_the_provider_as_gpt4free_does() -> None:
    assert gpt4free_provider(CodeLinkAva).get_dict() == {
        "name": "CodeLinkAva",
        "url": "https://ava-ai-ef611.web.app",
        "label": None,
    }


async def test_a_direct_call_still_merges_undeclared_arguments_into_the_body(
    mock_http: aioresponses,
) -> None:
    replay(mock_http, recording("codelink_ava", "hello"))

    await CodeLinkAva.create_async_generator("gpt-3.5-turbo", HELLO, user="u-1").text()

    [sent] = sent_requests(mock_http)
    assert sent.json() == {"messages": HELLO, "temperature": 0.6, "stream": True, "user": "u-1"}
