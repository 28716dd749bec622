"""POST /v1/chat/completions over real sockets: a gateway in front of the replay server.

Every recording with a 200 status is streamed through the gateway, and the text a client reads
must be exactly the recorded text; the rest checks OpenAI's chunk format to the byte where it
matters, the whole-answer form, the request fields and what each upstream failure becomes.
"""

from __future__ import annotations

import asyncio
import io
import json
import logging
import re
from collections.abc import AsyncGenerator, AsyncIterator
from dataclasses import replace
from typing import Any

import aiohttp
import pytest
from aiohttp import web

import generated._runtime._gateway_app
import generated.codelink_ava
from generated import Retries, TextStream, Timeouts
from generated._runtime._stream import StreamItem
from replay import Fault, Recording, ReplayServer

from ..conftest import all_recordings, recording
from .conftest import (
    HELLO,
    HELLO_TEXT,
    HOST,
    USER,
    chat_body,
    chunks,
    serving,
    sse_data,
    streamed_text,
    upstream_serving,
)

STREAMED = [r for r in all_recordings() if r.response.status == 200]


def ids(recorded: Recording) -> str:
    return f"{recorded.path.parent.name}/{recorded.name}"


def expected_text(recorded: Recording) -> str:
    expect = recorded.expect
    if "error" in expect:
        return "".join(expect.get("deltas_before_error", []))
    return "".join(expect["deltas"]) if "deltas" in expect else str(expect["text"])


JSON = {"Content-Type": "application/json"}


async def post(url: str, body: Any) -> tuple[int, dict[str, str], bytes]:
    """POST ``body`` (JSON, or bytes as they are) to the gateway's chat completions."""
    payload = body if isinstance(body, bytes) else json.dumps(body).encode()
    async with (
        aiohttp.ClientSession() as session,
        session.post(f"{url}/v1/chat/completions", data=payload, headers=JSON) as response,
    ):
        return response.status, dict(response.headers), await response.read()


async def through_gateway(recorded: Recording, fault: Fault | None = None, **fields: Any) -> Any:
    """The gateway's answer to the recording's call, the recording served upstream."""
    async with ReplayServer() as upstream:
        route = upstream.add(recorded, fault=fault)
        base_urls = {recorded.path.parent.name: upstream.base_url(route)}
        async with serving(base_urls) as url:
            status, headers, body = await post(url, chat_body(recorded, **fields))
        return status, headers, body, upstream


@pytest.mark.parametrize("recorded", STREAMED, ids=ids)
async def test_streams_the_exact_recorded_text(recorded: Recording) -> None:
    status, headers, body, _ = await through_gateway(recorded, stream=True)
    expect = recorded.expect
    if "error" in expect and not expect.get("deltas_before_error"):
        # A failure before the first delta: an error answer, no stream begun.
        assert status == 502
        error = json.loads(body)["error"]
        assert (error["type"], error["code"]) == ("upstream_error", "upstream_reported_error")
        return
    assert status == 200
    assert headers["Content-Type"] == "text/event-stream"
    data = sse_data(body)
    if "error" in expect:
        # A failure after streaming began: the text so far, then one error event, no [DONE].
        error = json.loads(data[-1])["error"]
        assert error["type"] == "upstream_error"
        assert error["code"] == "upstream_reported_error"
        assert expect.get("message", "") in error["message"]
        parsed = [json.loads(item) for item in data[:-1]]
    else:
        parsed = chunks(body)
    assert streamed_text(parsed) == expected_text(recorded)


async def test_a_stream_is_openai_chunks_role_first_then_text_then_finish_then_done() -> None:
    status, _, body, upstream = await through_gateway(HELLO, stream=True)
    assert status == 200
    parsed = chunks(body)
    first, *middle, last = parsed
    assert first["object"] == "chat.completion.chunk"
    assert first["id"].startswith("chatcmpl-") and len(first["id"]) == 41
    assert first["model"] == "CodeLinkAva/gpt-3.5-turbo"
    assert isinstance(first["created"], int)
    for chunk in parsed:
        assert {key: chunk[key] for key in ("id", "object", "created", "model")} == {
            key: first[key] for key in ("id", "object", "created", "model")
        }
        assert "usage" not in chunk
    assert first["choices"] == [
        {
            "index": 0,
            "delta": {"role": "assistant", "content": ""},
            "logprobs": None,
            "finish_reason": None,
        }
    ]
    assert [c["choices"][0]["delta"] for c in middle] == [
        {"content": text} for text in HELLO.expect["deltas"]
    ]
    assert all(c["choices"][0]["finish_reason"] is None for c in middle)
    assert last["choices"] == [{"index": 0, "delta": {}, "logprobs": None, "finish_reason": "stop"}]
    # The provider made the recorded request: the messages, and the spec's default temperature.
    assert upstream.requests[0].json() == HELLO.request.json


async def test_what_came_in_one_read_leaves_in_one_write() -> None:
    deltas = [f"w{number} " for number in range(300)]
    events = [{"choices": [{"index": 0, "delta": {"content": text}}]} for text in deltas]
    burst = "".join(f"data: {json.dumps(event)}\n\n" for event in events) + "data: [DONE]\n\n"

    async def answer(request: web.BaseRequest) -> web.StreamResponse:
        await request.read()
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        await response.write(burst.encode())  # the whole answer at once
        await response.write_eof()
        return response

    body = {"model": "OpenaiChat", "messages": USER, "stream": True}
    async with (
        upstream_serving(answer) as upstream,
        serving({"OpenaiChat": upstream}) as url,
        aiohttp.ClientSession() as session,
    ):
        response = await session.post(f"{url}/v1/chat/completions", json=body)
        pieces = [piece async for piece, _ in response.content.iter_chunks()]
    assert streamed_text(chunks(b"".join(pieces))) == "".join(deltas)
    # The first write carries the role chunk and the first read's deltas; then as few writes
    # as there were reads, far fewer than the 300 deltas.
    assert b'"role":"assistant"' in pieces[0] and b'"content":"w0 "' in pieces[0]
    assert len(pieces) < 30


async def test_the_whole_answer_is_one_chat_completion() -> None:
    status, headers, body, _ = await through_gateway(HELLO)
    assert status == 200
    assert headers["Content-Type"] == "application/json"
    completion = json.loads(body)
    assert completion["object"] == "chat.completion"
    assert completion["model"] == "CodeLinkAva/gpt-3.5-turbo"
    assert completion["choices"] == [
        {
            "index": 0,
            "message": {"role": "assistant", "content": HELLO_TEXT},
            "logprobs": None,
            "finish_reason": "stop",
        }
    ]
    assert "usage" not in completion  # CodeLinkAva's spec reads none


async def test_the_whole_answer_has_the_usage_and_an_openai_finish_reason() -> None:
    # Anthropic reports input and output tokens apart, and "end_turn"; no model: the default.
    bonjour = recording("anthropic_messages", "bonjour")
    status, _, body, _ = await through_gateway(bonjour)
    assert status == 200
    completion = json.loads(body)
    assert completion["model"] == "AnthropicMessages/claude-3-5-haiku-latest"
    assert completion["usage"] == {"prompt_tokens": 14, "completion_tokens": 27, "total_tokens": 41}
    assert completion["choices"][0]["finish_reason"] == "stop"
    assert completion["choices"][0]["message"]["content"] == "".join(bonjour.expect["deltas"])


async def test_reasoning_is_streamed_as_reasoning_content_and_usage_last_when_asked() -> None:
    reasoner = recording("deepseek_chat", "reasoner")
    status, _, body, _ = await through_gateway(
        reasoner, stream=True, stream_options={"include_usage": True}
    )
    assert status == 200
    parsed = chunks(body)
    reasoning = [c["choices"][0]["delta"].get("reasoning_content") for c in parsed[1:-2]]
    events = reasoner.expect["events"]
    assert "".join(r for r in reasoning if r) == "".join(e.get("reasoning", "") for e in events)
    assert streamed_text(parsed) == "".join(reasoner.expect["deltas"])
    assert all(chunk["usage"] is None for chunk in parsed[:-1])
    assert parsed[-2]["choices"][0]["finish_reason"] == "stop"
    assert parsed[-1]["choices"] == []
    assert parsed[-1]["usage"] == {"prompt_tokens": 18, "completion_tokens": 66, "total_tokens": 84}


async def test_declared_parameters_are_passed_and_other_fields_named_as_ignored() -> None:
    status, headers, body, upstream = await through_gateway(
        HELLO, stream=True, temperature=1, n=2, user="me", top_p=None
    )
    assert status == 200
    assert headers["X-Ignored-Fields"] == "n, top_p, user"
    assert streamed_text(chunks(body)) == HELLO_TEXT
    sent = upstream.requests[0].json()
    assert sent["temperature"] == 1.0 and "n" not in sent and "user" not in sent


async def test_a_parameter_of_the_wrong_type_is_refused_before_anything_is_sent() -> None:
    status, _, body, upstream = await through_gateway(HELLO, temperature="hot")
    assert status == 400
    assert json.loads(body) == {
        "error": {
            "message": "temperature must be a number",
            "type": "invalid_request_error",
            "code": "invalid_value",
            "param": "temperature",
        }
    }
    assert upstream.requests == []


async def test_a_required_parameter_missing_is_refused() -> None:
    async with serving() as url:
        status, _, body = await post(url, {"model": "AnthropicMessages", "messages": USER})
    assert status == 400
    error = json.loads(body)["error"]
    assert error["message"] == "AnthropicMessages requires max_tokens"
    assert (error["code"], error["param"]) == ("missing_field", "max_tokens")


@pytest.mark.parametrize(
    ("model", "hint"),
    [
        ("CodeLinkAv/gpt-3.5-turbo", "'CodeLinkAv' here: {form}; did you mean CodeLinkAva?"),
        (
            "gpt-4o-mini",
            "'gpt-4o-mini' here: {form}; did you mean AzureOpenai/gpt-4o-mini or "
            "AzureOpenaiEntra/gpt-4o-mini or OpenaiChat/gpt-4o-mini or "
            "OpenaiResponses/gpt-4o-mini?",
        ),
    ],
)
async def test_an_unknown_model_is_404_with_the_close_matches(model: str, hint: str) -> None:
    async with serving() as url:
        status, _, body = await post(url, {"model": model, "messages": USER, "stream": True})
    assert status == 404
    error = json.loads(body)["error"]
    form = "model is PROVIDER or PROVIDER/MODEL"
    assert error["message"] == "no provider " + hint.format(form=form)
    assert (error["type"], error["code"], error["param"]) == (
        "invalid_request_error",
        "model_not_found",
        "model",
    )


@pytest.mark.parametrize(
    ("body", "message", "code"),
    [
        (b"{not json", "cannot read the body as JSON", "invalid_json"),
        (b"[1, 2]", "the body must be a JSON object", "invalid_json"),
        ({"messages": USER}, "model must be PROVIDER or PROVIDER/MODEL", "missing_field"),
        ({"model": "CodeLinkAva"}, "messages must be a non-empty list", "missing_field"),
        (
            {"model": "CodeLinkAva", "messages": [{"role": "user"}]},
            "messages[0] must be",
            "invalid_value",
        ),
        (
            {"model": "CodeLinkAva", "messages": USER, "stream": "yes"},
            "stream must be true or false",
            "invalid_value",
        ),
    ],
)
async def test_a_bad_body_is_400(body: Any, message: str, code: str) -> None:
    async with serving() as url:
        status, _, answer = await post(url, body)
    assert status == 400
    error = json.loads(answer)["error"]
    assert error["message"].startswith(message), error
    assert (error["type"], error["code"]) == ("invalid_request_error", code)


@pytest.mark.parametrize("text", [{"a": 1}, ["Hel", "lo"], 7, None])
async def test_a_text_part_whose_text_is_no_string_is_400_for_every_provider(text: Any) -> None:
    # Providers that join the parts into one prompt raised a TypeError there: a 500.
    messages = [
        {"role": "user", "content": [{"type": "image_url"}, {"type": "text", "text": text}]}
    ]
    infos = generated._REGISTRY.infos
    async with ReplayServer() as upstream:
        everywhere = {"*": f"http://{HOST}:{upstream.port}"}
        async with serving({info.name: everywhere for info in infos}) as url:
            answers = [
                await post(url, {"model": info.name, "messages": messages}) for info in infos
            ]
    assert upstream.requests == []
    for info, (status, _, body) in zip(infos, answers, strict=True):
        assert status == 400, (info.name, body)
        assert json.loads(body)["error"] == {
            "message": "messages[0].content[1] is a text part: its text must be a string",
            "type": "invalid_request_error",
            "code": "invalid_value",
            "param": "messages",
        }


@pytest.mark.parametrize(
    ("upstream_status", "status", "code"),
    [
        (401, 401, "upstream_unauthorized"),
        (403, 403, "upstream_forbidden"),
        (404, 404, "upstream_not_found"),
        (429, 429, "upstream_rate_limited"),
        (400, 502, "upstream_status"),
        (500, 502, "upstream_status"),
        (503, 502, "upstream_status"),
    ],
)
@pytest.mark.parametrize("stream", [True, False], ids=["stream", "whole"])
async def test_upstream_statuses_are_kept_or_502(
    monkeypatch: pytest.MonkeyPatch, upstream_status: int, status: int, code: str, stream: bool
) -> None:
    no_retries = replace(generated.codelink_ava._ENDPOINT, retries=Retries(max_retries=0))
    monkeypatch.setattr(generated.codelink_ava, "_ENDPOINT", no_retries)
    fault = Fault(
        status=upstream_status,
        body=b'{"error": {"message": "no"}}',
        headers={"Retry-After": "7"},
    )
    answer, headers, body, _ = await through_gateway(HELLO, fault, stream=stream)
    assert answer == status
    error = json.loads(body)["error"]
    assert error["code"] == code
    assert error["message"].startswith(f"CodeLinkAva: HTTP {upstream_status}")
    # A kept status keeps the upstream's wait hint; a 502 is the gateway's own answer.
    assert headers.get("Retry-After") == ("7" if status == upstream_status else None)


async def test_an_upstream_timeout_is_504(monkeypatch: pytest.MonkeyPatch) -> None:
    quick = replace(
        generated.codelink_ava._ENDPOINT,
        timeouts=Timeouts(idle=0.2),
        retries=Retries(max_retries=0),
    )
    monkeypatch.setattr(generated.codelink_ava, "_ENDPOINT", quick)
    status, _, body, _ = await through_gateway(HELLO, Fault(stall_after=0), stream=True)
    assert status == 504
    assert json.loads(body)["error"]["code"] == "upstream_timeout"


@pytest.mark.parametrize(
    "fault", [Fault(truncate_after=700), Fault(reset_after=700)], ids=["truncated", "reset"]
)
async def test_a_failure_after_streaming_began_is_a_last_error_event(fault: Fault) -> None:
    status, _, body, _ = await through_gateway(HELLO, fault, stream=True)
    assert status == 200
    data = sse_data(body)
    error = json.loads(data[-1])["error"]
    assert error["type"] == "upstream_error"
    parsed = [json.loads(item) for item in data[:-1]]
    assert streamed_text(parsed) == "Hello!"  # the two deltas the first 700 bytes hold
    assert all(chunk["choices"][0]["finish_reason"] is None for chunk in parsed)


async def test_models_lists_provider_model_ids_and_healthz_answers() -> None:
    async with serving() as url, aiohttp.ClientSession() as session:
        async with session.get(f"{url}/v1/models") as response:
            models = await response.json()
        async with session.get(f"{url}/healthz") as response:
            health = await response.json()
        async with session.get(f"{url}/v1/nothing") as response:
            missing = response.status, await response.json()
    assert models["object"] == "list"
    listed = [model["id"] for model in models["data"]]
    assert "CodeLinkAva/gpt-3.5-turbo" in listed
    assert "OpenaiChat/gpt-4o-mini" in listed
    assert "LlamacppCompletion" in listed  # a provider that names no model
    assert models["data"][0] == {
        "id": listed[0],
        "object": "model",
        "created": 0,
        "owned_by": listed[0].split("/")[0],
    }
    assert health == {"status": "ok", "providers": len(generated.provider_infos())}
    assert missing == (
        404,
        {
            "error": {
                "message": "Not Found",
                "type": "invalid_request_error",
                "code": "not_found",
                "param": None,
            }
        },
    )


@pytest.mark.parametrize("stream", [True, False], ids=["stream", "whole"])
async def test_a_provider_key_missing_from_the_environment_is_500_naming_it(
    monkeypatch: pytest.MonkeyPatch, stream: bool
) -> None:
    monkeypatch.delenv("OPENAI_API_KEY")
    async with serving({"OpenaiChat": "http://127.0.0.1:9/unused"}) as url:
        body = {"model": "OpenaiChat", "messages": USER, "stream": stream}
        status, _, answer = await post(url, body)
    assert status == 500
    error = json.loads(answer)["error"]
    assert (error["type"], error["code"]) == ("server_error", "missing_secret")
    assert "environment variable OPENAI_API_KEY is not set" in error["message"]


async def test_a_stream_is_neither_cached_nor_buffered_by_a_proxy() -> None:
    _, headers, _, _ = await through_gateway(HELLO, stream=True)
    assert (headers["Cache-Control"], headers["X-Accel-Buffering"]) == ("no-cache", "no")


async def test_aiohttps_own_refusals_are_in_openais_shape() -> None:
    too_large = json.dumps({"model": "CodeLinkAva", "messages": USER, "x": "y" * (5 << 20)})
    async with serving() as url, aiohttp.ClientSession() as session:
        async with session.get(f"{url}/v1/chat/completions") as response:
            wrong_method = response.status, (await response.json())["error"]["code"]
            allowed = response.headers.get("Allow")
        body = io.BytesIO(too_large.encode())
        async with session.post(f"{url}/v1/chat/completions", data=body, headers=JSON) as response:
            large = response.status, (await response.json())["error"]["code"]
    assert wrong_method == (405, "method_not_allowed")
    assert allowed == "POST"
    assert large == (413, "request_entity_too_large")


def assert_server_error(error: dict[str, Any]) -> None:
    """The gateway's own failure, in OpenAI's shape, telling nothing of what failed."""
    assert error == {
        "message": "the gateway failed to answer this request; its log says why",
        "type": "server_error",
        "code": None,
        "param": None,
    }


@pytest.fixture
async def cut_surrogate_pair() -> AsyncIterator[str]:
    """An OpenAI-style upstream that cuts an emoji's surrogate pair (UTF-16 units, as a
    JavaScript server counts them) between its two text deltas, its first half alone in JSON."""

    async def handler(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        for text in ("Hi \\ud83d", "\\ude00!"):
            await response.write(
                b'data: {"choices":[{"delta":{"content":"%s"}}]}\n\n' % text.encode()
            )
        await response.write(b"data: [DONE]\n\n")
        return response

    async with upstream_serving(handler) as url:
        yield url


@pytest.fixture
async def error_with_a_lone_surrogate() -> AsyncIterator[str]:
    """An OpenAI-style upstream that streams a text, then an error whose message ends in half
    an emoji."""

    async def handler(request: web.BaseRequest) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        if request.path.startswith("/midstream/"):
            await response.write(b'data: {"choices":[{"delta":{"content":"Hi"}}]}\n\n')
        await response.write(b'data: {"error":{"message":"oops \\ud83d"}}\n\n')
        return response

    async with upstream_serving(handler) as url:
        yield url


@pytest.mark.parametrize("route", ["first", "midstream"])
@pytest.mark.parametrize("stream", [True, False], ids=["stream", "whole"])
async def test_a_lone_surrogate_in_an_upstream_error_is_the_replacement_character(
    error_with_a_lone_surrogate: str, route: str, stream: bool
) -> None:
    # Its encoding failed: a 500 for a whole answer, a broken chunked body mid-stream.
    body = {"model": "OpenaiChat/gpt-4o-mini", "messages": USER, "stream": stream}
    async with serving({"OpenaiChat": f"{error_with_a_lone_surrogate}/{route}"}) as url:
        status, _, answer = await post(url, body)
    if stream and route == "midstream":
        assert status == 200
        error = json.loads(sse_data(answer)[-1])["error"]
    else:
        assert status == 502
        error = json.loads(answer)["error"]
    assert error["code"] == "upstream_reported_error"
    assert "the server reported an error: oops \ufffd [POST " in error["message"]


async def test_a_lone_surrogate_upstream_is_sent_as_the_replacement_character(
    cut_surrogate_pair: str,
) -> None:
    body = {"model": "OpenaiChat/gpt-4o-mini", "messages": USER}
    async with serving({"OpenaiChat": cut_surrogate_pair}) as url:
        streamed = await post(url, {**body, "stream": True})
        whole = await post(url, {**body, "stream": False})
    assert (streamed[0], whole[0]) == (200, 200)
    assert streamed_text(chunks(streamed[2])) == "Hi \ufffd\ufffd!"
    assert json.loads(whole[2])["choices"][0]["message"]["content"] == "Hi \ufffd\ufffd!"


def failing_provider(monkeypatch: pytest.MonkeyPatch, deltas: list[str]) -> None:
    """CodeLinkAva streams ``deltas`` and then fails with an error of no provider's."""

    async def batches() -> AsyncGenerator[list[StreamItem], None]:
        for delta in deltas:
            yield [delta]
        raise RuntimeError("a detail for the log only")

    def create(model: str, messages: object, **options: object) -> TextStream:
        return TextStream(batches())

    monkeypatch.setattr(generated.codelink_ava.CodeLinkAva, "create_async_generator", create)


async def test_a_failure_of_no_provider_after_streaming_began_is_a_server_error_event(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    failing_provider(monkeypatch, ["Hel", "lo"])
    async with serving() as url:
        status, _, body = await post(
            url, {"model": "CodeLinkAva", "messages": USER, "stream": True}
        )
    assert status == 200
    data = sse_data(body)
    assert_server_error(json.loads(data[-1])["error"])
    assert streamed_text([json.loads(item) for item in data[:-1]]) == "Hello"
    [logged] = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert logged.name == "generated._runtime._gateway_app"
    assert logged.exc_info is None  # its traceback is text (see test_safety)
    assert "RuntimeError: a detail for the log only" in logged.getMessage()


async def test_the_model_a_client_sent_is_logged_escaped(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # A line break in it would forge a line of the log.
    failing_provider(monkeypatch, ["Hel"])
    model = "CodeLinkAva/x\n2026-12-06 ERROR forged\r\x1b[2J"
    async with serving() as url:
        status, _, _ = await post(url, {"model": model, "messages": USER, "stream": True})
    assert status == 200
    [logged] = [r for r in caplog.records if r.levelno >= logging.ERROR]
    first, _, rest = logged.getMessage().partition("\n")
    assert first == (
        "the stream of 'CodeLinkAva/x\\n2026-12-06 ERROR forged\\r\\x1b[2J' failed after it began"
    )
    assert rest.startswith("Traceback (most recent call last):") and "forged" not in rest


@pytest.mark.parametrize("stream", [True, False], ids=["stream", "whole"])
async def test_a_failure_of_the_gateways_own_is_a_500_in_openais_shape(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, stream: bool
) -> None:
    failing_provider(monkeypatch, [] if stream else ["Hel"])
    async with serving() as url:
        status, headers, body = await post(
            url, {"model": "CodeLinkAva", "messages": USER, "stream": stream}
        )
    assert (status, headers["Content-Type"]) == (500, "application/json")
    assert_server_error(json.loads(body)["error"])
    assert b"detail" not in body
    [logged] = [r for r in caplog.records if r.levelno >= logging.ERROR]
    first, _, _ = logged.getMessage().partition("\n")
    assert first == "POST /v1/chat/completions failed"
    assert logged.exc_info is None
    assert "RuntimeError: a detail for the log only" in logged.getMessage()


async def test_a_body_not_in_its_declared_encoding_is_400_and_nothing_is_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    headers = {"Content-Encoding": "gzip", "Content-Type": "application/json"}
    async with serving() as url, aiohttp.ClientSession() as session:
        body = json.dumps({"model": "CodeLinkAva", "messages": USER}).encode()
        async with session.post(
            f"{url}/v1/chat/completions", data=body, headers=headers
        ) as response:
            status, answer = response.status, await response.json()
        await asyncio.sleep(0.1)  # what aiohttp would log comes after the answer
    assert status == 400
    assert answer["error"]["code"] == "invalid_body"
    assert answer["error"]["type"] == "invalid_request_error"
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []


async def test_json_nested_too_deeply_is_400() -> None:
    nested = b'{"model": "CodeLinkAva", "messages": ' + b"[" * 5000 + b"]" * 5000 + b"}"
    async with serving() as url:
        status, _, body = await post(url, nested)
    assert status == 400
    assert json.loads(body)["error"]["code"] == "invalid_json"


async def test_a_body_that_comes_too_slowly_is_408(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(generated._runtime._gateway_app, "GATEWAY_BODY_TIMEOUT", 0.2)
    async with serving() as url:
        reader, writer = await asyncio.open_connection(HOST, int(url.rsplit(":", 1)[1]))
        writer.write(
            b"POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\n"
            b'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"model"'
        )  # 10 bytes of the 100 declared, and no more
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10.0)
        length = re.search(rb"Content-Length: (\d+)", head)
        assert length is not None, head
        body = await asyncio.wait_for(reader.readexactly(int(length[1])), 10.0)
        writer.close()
    assert head.startswith(b"HTTP/1.1 408 ")
    assert b"Connection: close" in head
    error = json.loads(body)["error"]
    assert (error["code"], error["message"]) == (
        "request_timeout",
        "the request body did not arrive within 0.2 s",
    )


async def test_include_usage_reaches_a_provider_that_declares_it() -> None:
    haiku = recording("openai_chat", "haiku")
    asked = {"stream": True, "stream_options": {"include_usage": True}}
    for fields, sent in [(asked, True), ({"stream": True}, False), ({"stream": False}, True)]:
        status, _, _, upstream = await through_gateway(haiku, **fields)
        assert status == 200
        assert upstream.requests[0].json()["stream_options"] == {"include_usage": sent}


async def test_the_usage_chunk_is_sent_only_when_the_provider_reported_usage() -> None:
    asked = {"stream": True, "stream_options": {"include_usage": True}}
    _, _, body, _ = await through_gateway(HELLO, **asked)  # CodeLinkAva reports none
    parsed = chunks(body)
    assert all(chunk["choices"] for chunk in parsed)
    assert parsed[-1]["choices"][0]["finish_reason"] == "stop"
    # TGI reports the tokens generated alone: the prompt's count is 0, every count an integer.
    story = recording("tgi_generate", "story")
    counts = {"prompt_tokens": 0, "completion_tokens": 8, "total_tokens": 8}
    _, _, body, _ = await through_gateway(story, **asked)
    *_, finish, usage = chunks(body)
    assert (finish["choices"][0]["finish_reason"], usage["usage"]) == ("stop", counts)
    _, _, body, _ = await through_gateway(story)
    whole = json.loads(body)
    assert (whole["choices"][0]["finish_reason"], whole["usage"]) == ("stop", counts)


async def test_an_assistant_message_with_null_content_reaches_upstream_as_empty_text() -> None:
    # The openai SDK sends content null beside an assistant's tool calls.
    calls = [{"id": "call_1", "type": "function", "function": {"name": "f", "arguments": "{}"}}]
    messages = [*USER, {"role": "assistant", "content": None, "tool_calls": calls}, *USER]
    status, _, body, upstream = await through_gateway(HELLO, messages=messages, stream=True)
    assert status == 200, body
    sent = upstream.requests[0].json()["messages"]
    assert [message["content"] for message in sent] == ["Hello!", "", "Hello!"]
