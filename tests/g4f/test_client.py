"""gpt4free's synchronous ``Client`` with generated providers: it calls ``create_completion``.

The provider is pointed at the replay server by ``Client(base_url=...)``: gpt4free forwards its
client's ``base_url`` to every provider it calls, and a generated provider's ``base_url`` means
the same (it moves the endpoint to that origin, under that path), so the classes are passed to
gpt4free exactly as they are generated.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

import pytest

from generated import ServerError, TextStream

from ..conftest import recording
from .conftest import ANSWERS, CODELINK_AVA, PROVIDERS, call, deltas, served


@pytest.mark.parametrize(("provider", "name"), ANSWERS)
def test_client_answers_with_the_recorded_text(
    g4f_client: ModuleType, provider: str, name: str
) -> None:
    recorded = recording(provider, name)
    with served(recorded) as server:
        client = g4f_client.Client(base_url=server.base_url(name))
        completion = client.chat.completions.create(provider=PROVIDERS[provider], **call(recorded))

    assert completion.choices[0].message.content == "".join(deltas(recorded))
    assert completion.choices[0].finish_reason == "stop"
    assert [request.json() for request in server.requests] == [recorded.request.json]


@pytest.mark.parametrize(("provider", "name"), ANSWERS)
def test_client_streams_the_recorded_deltas(
    g4f_client: ModuleType, provider: str, name: str
) -> None:
    recorded = recording(provider, name)
    with served(recorded) as server:
        client = g4f_client.Client(base_url=server.base_url(name))
        chunks = list(
            client.chat.completions.create(
                provider=PROVIDERS[provider], stream=True, **call(recorded)
            )
        )

    # gpt4free ends the stream with a chunk of its own: no text, and why the answer ended.
    assert [chunk.choices[0].delta.content for chunk in chunks] == [*deltas(recorded), None]
    assert chunks[-1].choices[0].finish_reason == "stop"
    assert [request.json() for request in server.requests] == [recorded.request.json]


def test_closing_the_client_stream_early_closes_the_providers(
    g4f_client: ModuleType, closed_streams: list[TextStream]
) -> None:
    recorded = recording("codelink_ava", "hello")
    with served(recorded) as server:
        client = g4f_client.Client(base_url=server.base_url("hello"))
        chunks = client.chat.completions.create(
            provider=CODELINK_AVA, stream=True, **call(recorded)
        )
        first = next(chunks)
        chunks.close()

    assert first.choices[0].delta.content == "Hello"
    assert len(closed_streams) == 1


def test_client_raises_the_providers_error(g4f_client: ModuleType) -> None:
    recorded = recording("codelink_ava", "server_error")
    with served(recorded) as server:
        base_url = server.base_url("server_error")
        client = g4f_client.Client(base_url=base_url)
        with pytest.raises(ServerError) as raised:
            client.chat.completions.create(provider=CODELINK_AVA, **call(recorded))

    assert raised.value.status == 500
    assert str(raised.value) == (
        f"CodeLinkAva: HTTP 500: {recorded.response.body.decode()} [POST {base_url}/api/chat]"
    )


def test_client_proxy_is_the_providers(g4f_client: ModuleType) -> None:
    recorded = recording("codelink_ava", "hello")
    with served(recorded) as server:
        # A proxy is sent the whole URL, and the replay server routes on its path: the host
        # named there cannot resolve, so the request arrived through the proxy or not at all.
        client = g4f_client.Client(
            proxies=f"http://127.0.0.1:{server.port}", base_url="http://answers.invalid/hello"
        )
        completion = client.chat.completions.create(provider=CODELINK_AVA, **call(recorded))

    assert completion.choices[0].message.content == "".join(deltas(recorded))
    assert [request.headers["Host"] for request in server.requests] == ["answers.invalid"]


def test_client_logs_usage_under_the_providers_name(
    g4f_client: ModuleType, g4f_files: Path
) -> None:
    recorded = recording("codelink_ava", "hello")
    with served(recorded) as server:
        client = g4f_client.Client(base_url=server.base_url("hello"))
        client.chat.completions.create(provider=CODELINK_AVA, **call(recorded))

    [log] = (g4f_files / ".usage").iterdir()
    [entry] = [json.loads(line) for line in log.read_text().splitlines()]
    # No `label`: gpt4free shows the class's name.
    assert (entry["provider"], entry["label"], entry["model"]) == (
        "CodeLinkAva",
        "CodeLinkAva",
        "gpt-3.5-turbo",
    )
