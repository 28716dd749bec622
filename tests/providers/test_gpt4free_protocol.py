"""What a generated provider does for gpt4free, without gpt4free (aioresponses).

gpt4free itself drives them in tests/g4f/, a process of its own. Here its calls are made from
code whose module is named as one of its own, which is how a provider tells them apart.
"""

from __future__ import annotations

import inspect
from typing import Any

from aioresponses import aioresponses

from generated import TextStream
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


def as_gpt4free(provider: type, /, **kwargs: Any) -> TextStream:
    """``provider.create_async_generator(**kwargs)``, called from a module named ``g4f.*``, as
    gpt4free's ``AsyncClient`` calls it (from ``g4f.tools.run_tools``, by name)."""
    namespace: dict[str, Any] = {"__name__": "g4f.tools.run_tools"}
    exec(
        "def call(provider, kwargs):\n    return provider.create_async_generator(**kwargs)",
        namespace,
    )
    stream: TextStream = namespace["call"](provider, kwargs)
    return stream


async def test_a_gpt4free_call_passes_on_only_declared_arguments(mock_http: aioresponses) -> None:
    recorded = recording("codelink_ava", "hello")
    replay(mock_http, recorded)

    stream = as_gpt4free(
        CodeLinkAva,
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

    stream = as_gpt4free(
        OllamaChat,
        model=recorded_call["model"],
        messages=recorded_call["messages"],
        **recorded_call["kwargs"],
        **GPT4FREE_ARGUMENTS,
    )

    assert [delta async for delta in stream] == recorded.expect["deltas"]
    [sent] = sent_requests(mock_http)
    assert sent.json() == recorded.request.json


def test_the_signature_is_still_the_generated_one() -> None:
    parameters = inspect.signature(CodeLinkAva.create_async_generator).parameters

    assert list(parameters)[:3] == ["model", "messages", "temperature"]
    assert parameters["temperature"].default == 0.6


def test_create_completion_yields_the_deltas(mock_http: aioresponses) -> None:
    recorded = recording("codelink_ava", "hello")
    replay(mock_http, recorded)

    deltas = list(CodeLinkAva.create_completion("gpt-3.5-turbo", HELLO, **GPT4FREE_ARGUMENTS))

    assert deltas == recorded.expect["deltas"]
    [sent] = sent_requests(mock_http)
    assert sent.json() == recorded.request.json


def test_closing_create_completion_early_closes_the_stream(
    mock_http: aioresponses, closed_streams: list[TextStream]
) -> None:
    replay(mock_http, recording("codelink_ava", "hello"))

    deltas = CodeLinkAva.create_completion("gpt-3.5-turbo", HELLO, stream=True)
    assert next(deltas) == "Hello"
    deltas.close()

    assert len(closed_streams) == 1


def test_get_dict_describes_the_provider_as_gpt4free_does() -> None:
    assert CodeLinkAva.get_dict() == {
        "name": "CodeLinkAva",
        "url": "https://ava-ai-ef611.web.app",
        "label": None,
    }


class Mirror(CodeLinkAva):
    """A subclass whose override passes the call on, as a user's might."""

    @classmethod
    def create_async_generator(  # type: ignore[override]
        cls, model: str, messages: Any, **kwargs: Any
    ) -> TextStream:
        return super().create_async_generator(model, messages, **kwargs)


async def test_a_subclass_passing_the_call_on_takes_gpt4free_calls_as_its_parent(
    mock_http: aioresponses,
) -> None:
    replay(mock_http, recording("codelink_ava", "hello"))

    stream = as_gpt4free(
        Mirror, model="gpt-3.5-turbo", messages=HELLO, temperature=0.2, **GPT4FREE_ARGUMENTS
    )

    assert await stream.text() == "Hello! How can I help you today?"
    [sent] = sent_requests(mock_http)
    assert sent.json() == {"messages": HELLO, "temperature": 0.2, "stream": True}


async def test_a_direct_call_still_merges_undeclared_arguments_into_the_body(
    mock_http: aioresponses,
) -> None:
    replay(mock_http, recording("codelink_ava", "hello"))

    await Mirror.create_async_generator("gpt-3.5-turbo", HELLO, user="u-1").text()

    [sent] = sent_requests(mock_http)
    assert sent.json() == {"messages": HELLO, "temperature": 0.6, "stream": True, "user": "u-1"}
