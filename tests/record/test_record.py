"""The recorder against real servers on 127.0.0.1: what it writes is the exchange, and replays.

Recording what the replay server serves must give back the recording it served: the same
request, the same body byte for byte, the same ``expect``. And the new recording, replayed,
makes the provider yield the same and send the same bytes.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from generator import load_specs
from replay import Fault, Recording, ReplayServer
from replay._record import CallToRecord, RecordError, RecordUsageError, record

from ..conftest import ROOT, filled, flow_values
from ..conftest import recording as recorded
from ..providers.test_recordings import provider_of, secrets_of
from .conftest import call_arguments, call_of, local_server, replay, saved, spec

# SSE, NDJSON and typed events; text, reasoning and usage; an error status, an error in the
# stream; a key in a header (OPENAI_API_KEY, ANTHROPIC_API_KEY).
CASES = [
    "codelink_ava/multiline",
    "codelink_ava/server_error",
    "openai_chat/haiku",
    "openai_chat/midstream_error",
    "anthropic_messages/overloaded",
    "cohere_chat/hello",
    "deepseek_chat/reasoner",
    "ollama_chat/why_sky",
]


@pytest.fixture
def original(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Recording:
    """The recording named by the test's parameter, its provider's secrets set."""
    provider, name = request.param.split("/")
    loaded = recorded(provider, name)
    for variable, value in secrets_of(loaded).items():
        monkeypatch.setenv(variable, value)
    return loaded


async def record_served(original: Recording) -> tuple[dict[str, object], bytes]:
    """A recording of what a replay server serving ``original`` answers, and the body sent."""
    async with ReplayServer() as server:
        route = server.add(original)
        module = original.path.parent.name
        data = await record(spec(module), call_of(original, server.base_url(route)))
        [sent] = server.requests
    return data, sent.body


@pytest.mark.parametrize("original", CASES, indirect=True)
async def test_recording_the_replay_server_gives_back_its_recording(
    original: Recording, tmp_path: Path
) -> None:
    data, sent = await record_served(original)
    new = saved(data, tmp_path, original.path.parent.name)
    assert new.request == original.request
    assert new.response.status == original.response.status
    assert new.response.body == original.response.body
    assert new.expect == original.expect
    assert await replay(new) == sent


async def test_the_recording_is_of_the_spec_as_edited_without_a_build(
    tmp_path: Path,
) -> None:
    original = recorded("codelink_ava", "hello")
    text = (ROOT / "specs" / "codelink_ava.yaml").read_text(encoding="utf-8")
    edited = tmp_path / "codelink_ava.yaml"
    edited.write_text(text.replace("Sec-Fetch-Site:", 'X-Edited: "yes"\n    Sec-Fetch-Site:'))
    [spec_now] = load_specs([edited], tmp_path)
    async with ReplayServer() as server:
        route = server.add(original)
        data = await record(spec_now, call_of(original, server.base_url(route)))
    request: Any = data["request"]
    assert request["headers"]["X-Edited"] == "yes"
    assert not [name for name in sys.modules if name.startswith("_streamgen_record_")]
    assert not [folder for folder in sys.path if "streamgen-record-" in folder]


async def test_an_error_status_is_recorded_as_the_error_it_raises(tmp_path: Path) -> None:
    hits: list[str] = []

    async def failing(request: web.BaseRequest) -> web.Response:
        hits.append(request.path)
        return web.json_response({"error": {"message": "overloaded"}}, status=500)

    async with local_server(failing) as base_url:
        data = await record(spec("codelink_ava"), CallToRecord("Hello!", base_url=base_url))
    new = saved(data, tmp_path, "codelink_ava")
    assert hits == ["/api/chat"]  # sent once: the recorder does not retry
    assert new.response.status == 500
    assert json.loads(new.response.body) == {"error": {"message": "overloaded"}}
    assert {key: new.expect[key] for key in ("error", "status")} == {
        "error": "ServerError",
        "status": 500,
    }
    assert "deltas" not in new.expect
    await replay(new)


async def test_a_compressed_body_is_recorded_as_the_provider_read_it(tmp_path: Path) -> None:
    body = b'data: {"choices":[{"delta":{"content":"packed"}}]}\n\ndata: [DONE]\n\n'

    async def gzipped(request: web.BaseRequest) -> web.Response:
        headers = {"Content-Type": "text/event-stream", "Content-Encoding": "gzip"}
        return web.Response(body=gzip.compress(body), headers=headers)

    async with local_server(gzipped) as base_url:
        data = await record(spec("codelink_ava"), CallToRecord("Hello!", base_url=base_url))
    new = saved(data, tmp_path, "codelink_ava")
    assert new.response.body == body
    assert "Content-Encoding" not in new.response.headers
    assert new.expect["deltas"] == ["packed"]
    await replay(new)


async def test_the_body_is_recorded_whole_when_the_provider_stops_reading_early(
    tmp_path: Path,
) -> None:
    answer = b'data: {"choices":[{"delta":{"content":"done"}}]}\n\ndata: [DONE]\n\n'

    async def trailing(request: web.BaseRequest) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        await response.write(answer)
        await asyncio.sleep(0.2)  # the provider has its answer and hangs up meanwhile
        await response.write(b": trailing comment\n\n")
        await response.write_eof()
        return response

    async with local_server(trailing) as base_url:
        data = await record(spec("codelink_ava"), CallToRecord("Hello!", base_url=base_url))
    new = saved(data, tmp_path, "codelink_ava")
    assert new.response.chunks == (answer, b": trailing comment\n\n")
    assert new.response.delays is not None and new.response.delays[1] >= 0.15  # about 0.2
    assert new.expect["deltas"] == ["done"]
    await replay(new)


async def test_a_body_cut_off_is_not_recorded() -> None:
    original = recorded("codelink_ava", "multiline")
    async with ReplayServer() as server:
        route = server.add(original, fault=Fault(reset_after=300))
        with pytest.raises(RecordError, match=r"/api/chat: the upstream broke off: "):
            await record(spec("codelink_ava"), call_of(original, server.base_url(route)))


# ---------------------------------------------------------------- flows

FLOWS = ["gpt_go/hello", "replicate/hello"]
"""Flows whose every request is the same on every call: a recording of them replays as it is.
(A value a call makes anew, a time or a random id, is recorded as it was sent: ``<*>`` goes in
its place by hand.)"""


async def record_flow(original: Recording) -> dict[str, object]:
    """A recording of what a replay server serving the flow ``original`` answers."""
    values = flow_values(original, list(secrets_of(original)))
    async with ReplayServer(values=values) as server:
        route = server.add(original, checked=True)
        module = original.path.parent.name
        call = call_of(original, server.base_urls(route))
        params = tuple(filled(param, values) for param in call.params)  # a secret's test value
        data = await record(spec(module), replace(call, params=params))
        assert server.problems == []
    return data


@pytest.mark.parametrize("original", FLOWS, indirect=True)
async def test_a_recorded_flow_replays_as_the_flow_it_recorded(
    original: Recording, tmp_path: Path
) -> None:
    data = await record_flow(original)
    new = saved(data, tmp_path, original.path.parent.name)
    assert len(new.exchanges) == len(original.exchanges)
    assert new.expect == original.expect
    values = flow_values(new, list(secrets_of(new)))
    async with ReplayServer(values=values) as server:
        route = server.add(new, checked=True)
        kwargs = filled(new.expect["call"]["kwargs"], values)  # type: ignore[index]
        stream = provider_of(new).create_async_generator(
            *call_arguments(new), base_url=server.base_urls(route), **kwargs
        )
        assert [delta async for delta in stream] == new.expect["deltas"]
        assert server.problems == []
        assert server.served(route) == len(new.exchanges)


async def test_a_websockets_messages_are_recorded_both_ways() -> None:
    original = recorded("bing", "hello")
    data = await record_flow(original)
    new = saved(data, Path(tempfile.mkdtemp()), "bing")
    [_, socket] = new.exchanges
    [_, served] = original.exchanges
    assert socket.request.url == served.request.url
    assert socket.messages is not None and served.messages is not None
    sides = [message.side for message in socket.messages]
    assert sides == [message.side for message in served.messages]
    server_texts = [m.text for m in socket.messages if m.side == "server"]
    assert server_texts == [m.text for m in served.messages if m.side == "server"]
    assert socket.request.headers["Cookie"] == "<cookies>"  # a secret argument's value


async def test_what_a_step_took_is_recorded_as_its_name() -> None:
    data = await record_flow(recorded("gpt_go", "hello"))
    [step, streamed] = data["exchanges"]  # type: ignore[misc]
    assert step["response"]["chunks"] == ['{"status":true,"token":"<token>"}']
    assert streamed["request"]["url"].endswith("?token=<token>")
    assert "test-" not in json.dumps(data)  # the served value is nowhere


async def test_a_cookie_flow_is_recorded_to_be_served_and_expected_back(tmp_path: Path) -> None:
    original = recorded("h2o", "generation_error")
    data = await record_flow(original)
    # The ids the call made anew are written as sent: <*> goes in their place, as docs/replay.md
    # says, for the recording to replay.
    options = data["exchanges"][2]["request"]["json"]["options"]  # type: ignore[index]
    options["id"] = options["response_id"] = "<*>"
    new = saved(data, tmp_path, "h2o")
    settings, conversation, streamed = new.exchanges
    assert settings.response is not None
    assert settings.response.headers["Set-Cookie"].startswith("hf-chat=<cookie_hf_chat>;")
    for exchange in (conversation, streamed):
        assert exchange.request.headers["Cookie"] == "hf-chat=<cookie_hf_chat>"
    values = flow_values(new, [])
    async with ReplayServer(values=values) as server:
        route = server.add(new, checked=True)
        stream = provider_of(new).create_async_generator(
            *call_arguments(new), base_url=server.base_urls(route)
        )
        deltas = []
        with pytest.raises(Exception) as caught:
            async for delta in stream:
                deltas.append(delta)
        assert type(caught.value).__name__ == "ServerReportedError"
        assert deltas == new.expect["deltas_before_error"]
        assert server.problems == []


@pytest.mark.parametrize("module", ["bedrock_converse", "vertex_gemini"])
async def test_a_signed_spec_is_refused_rather_than_recorded_wrong(module: str) -> None:
    call = CallToRecord("Hi", None, "http://127.0.0.1:9", ())
    with pytest.raises(RecordUsageError, match="signs its requests"):
        await record(spec(module), call)
