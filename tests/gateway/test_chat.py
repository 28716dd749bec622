"""POST /v1/chat/completions over real sockets: a gateway in front of the replay server.

Every recording with a 200 status is streamed through the gateway, and the text a client reads
must be exactly the recorded text; the rest checks OpenAI's chunk format to the byte where it
matters, the whole-answer form, the request fields and what each upstream failure becomes.
"""

from __future__ import annotations

import io
import json
from dataclasses import replace
from typing import Any

import aiohttp
import pytest

import generated.codelink_ava
from generated import Retries, Timeouts
from replay import Fault, Recording, ReplayServer

from ..conftest import all_recordings, recording
from .conftest import HELLO, HELLO_TEXT, USER, chat_body, chunks, serving, sse_data, streamed_text

STREAMED = [r for r in all_recordings() if r.response.status == 200]


def ids(recorded: Recording) -> str:
    return f"{recorded.path.parent.name}/{recorded.name}"


def expected_text(recorded: Recording) -> str:
    expect = recorded.expect
    if "error" in expect:
        return "".join(expect.get("deltas_before_error", []))
    return "".join(expect["deltas"]) if "deltas" in expect else str(expect["text"])


async def post(url: str, body: Any) -> tuple[int, dict[str, str], bytes]:
    """POST ``body`` (JSON, or bytes as they are) to the gateway's chat completions."""
    payload = body if isinstance(body, bytes) else json.dumps(body).encode()
    async with (
        aiohttp.ClientSession() as session,
        session.post(f"{url}/v1/chat/completions", data=payload) as response,
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
    assert status == 200
    assert headers["Content-Type"] == "text/event-stream"
    data = sse_data(body)
    if "error" in recorded.expect:
        # A failure after streaming began: the text so far, then one error event, no [DONE].
        error = json.loads(data[-1])["error"]
        assert error["type"] == "upstream_error"
        assert error["code"] == "upstream_reported_error"
        assert recorded.expect["message"] in error["message"]
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
            "'gpt-4o-mini' here: {form}; did you mean OpenaiChat/gpt-4o-mini or "
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
    assert health == {"status": "ok", "providers": 15}
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
        body = io.BytesIO(too_large.encode())
        async with session.post(f"{url}/v1/chat/completions", data=body) as response:
            large = response.status, (await response.json())["error"]["code"]
    assert wrong_method == (405, "method_not_allowed")
    assert large == (413, "request_entity_too_large")
