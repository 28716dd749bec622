"""The gateway's pieces alone: OpenAI's chunk bytes, the error mapping, the request's checks."""

from __future__ import annotations

import json
import re

import pytest

import generated
from generated import (
    AuthenticationError,
    ConfigurationError,
    ConnectTimeoutError,
    IdleTimeoutError,
    IncompleteStreamError,
    MissingSecretError,
    NotFoundError,
    PermissionDeniedError,
    ProviderConnectionError,
    ProviderError,
    RateLimitError,
    ServerError,
    ServerReportedError,
    Usage,
)
from generated._runtime._gateway_app import _listed
from generated._runtime._gateway_errors import GatewayError, upstream_error
from generated._runtime._gateway_request import parse_chat_request
from generated._runtime._openai_format import (
    _FINISH_REASONS,
    ChunkEncoder,
    completion_body,
    openai_finish_reason,
)

from ..conftest import ROOT

WHERE = {"provider": "OpenaiChat", "endpoint": "POST https://api.openai.com/v1/chat/completions"}


def test_chunks_are_openai_chunks_byte_for_byte() -> None:
    encoder = ChunkEncoder("chatcmpl-1", 1700000000, "OpenaiChat/gpt-4o", include_usage=False)
    head = 'data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,'
    head += '"model":"OpenaiChat/gpt-4o","choices":[{"index":0,"delta":'
    assert encoder.role().decode() == (
        head + '{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}\n\n'
    )
    assert encoder.content('é "\n').decode() == (
        head + '{"content":"é \\"\\n"},"logprobs":null,"finish_reason":null}]}\n\n'
    )
    assert encoder.reasoning("hm").decode() == (
        head + '{"reasoning_content":"hm"},"logprobs":null,"finish_reason":null}]}\n\n'
    )
    assert encoder.finish("length").decode() == (
        head + '{},"logprobs":null,"finish_reason":"length"}]}\n\n'
    )


def test_with_include_usage_every_chunk_has_usage_and_the_last_has_the_counts() -> None:
    encoder = ChunkEncoder("chatcmpl-1", 1, "M", include_usage=True)
    assert json.loads(encoder.content("a")[6:])["usage"] is None
    assert json.loads(encoder.finish("stop")[6:])["usage"] is None
    last = json.loads(encoder.usage(Usage(3, None))[6:])
    # Strict clients require integers: a count the provider did not report is 0.
    assert last == {
        "id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 1, "model": "M",
        "choices": [],
        "usage": {"prompt_tokens": 3, "completion_tokens": 0, "total_tokens": 3},
    }  # fmt: skip


def test_a_whole_answer_has_usage_only_when_reported_its_counts_integers() -> None:
    body = completion_body("chatcmpl-1", 1, "M", "hi", "", "stop", Usage(None, 8))
    assert body["usage"] == {"prompt_tokens": 0, "completion_tokens": 8, "total_tokens": 8}
    assert "usage" not in completion_body("chatcmpl-1", 1, "M", "hi", "", "stop", None)


@pytest.mark.parametrize(
    ("reason", "openai"),
    [
        (None, "stop"), ("stop", "stop"), ("end_turn", "stop"), ("STOP", "stop"),
        ("COMPLETE", "stop"), ("max_tokens", "length"), ("MAX_TOKENS", "length"),
        ("length", "length"), ("tool_use", "tool_calls"), ("SAFETY", "content_filter"),
        ("RECITATION", "content_filter"), ("refusal", "content_filter"),
        ("eos_token", "stop"), ("eos", "stop"), ("limit", "length"), ("completed", "stop"),
        ("incomplete", "length"), ("model_length", "length"), ("TOOL_CALL", "tool_calls"),
        ("OTHER", "stop"), ("something_new", "stop"),
    ],
)  # fmt: skip
def test_finish_reasons_are_openais(reason: str | None, openai: str) -> None:
    assert openai_finish_reason(reason) == openai


def test_the_documented_finish_reason_table_is_the_gateways() -> None:
    section = (ROOT / "docs" / "gateway.md").read_text(encoding="utf-8").split("\n## Errors")[0]
    rows = re.findall(r"^\| `(\w+)` \| (.+) \|$", section, re.MULTILINE)
    assert [openai for openai, _ in rows] == ["stop", "length", "tool_calls", "content_filter"]
    documented = {
        name.lower(): openai for openai, names in rows for name in re.findall(r"`(\w+)`", names)
    }
    assert documented == {reason: openai_finish_reason(reason) for reason in _FINISH_REASONS}


@pytest.mark.parametrize(
    ("error", "status", "kind", "code"),
    [
        (AuthenticationError(401, "", **WHERE), 401, "authentication_error", "upstream_unauthorized"),
        (PermissionDeniedError(403, "", **WHERE), 403, "permission_error", "upstream_forbidden"),
        (NotFoundError(404, "", **WHERE), 404, "not_found_error", "upstream_not_found"),
        (RateLimitError(429, "", **WHERE), 429, "rate_limit_error", "upstream_rate_limited"),
        (ServerError(503, "", **WHERE), 502, "upstream_error", "upstream_status"),
        (ConnectTimeoutError("no connection", **WHERE), 504, "timeout_error", "upstream_timeout"),
        (IdleTimeoutError("silent", **WHERE), 504, "timeout_error", "upstream_timeout"),
        (ProviderConnectionError("reset", **WHERE), 502, "upstream_error", "upstream_unreachable"),
        (IncompleteStreamError("cut", **WHERE), 502, "upstream_error", "upstream_incomplete"),
        (ServerReportedError("overloaded", **WHERE), 502, "upstream_error", "upstream_reported_error"),
        (MissingSecretError("OPENAI_API_KEY", **WHERE), 500, "server_error", "missing_secret"),
        (ConfigurationError("a line break", **WHERE), 400, "invalid_request_error", "invalid_value"),
    ],
)  # fmt: skip
def test_each_provider_error_has_its_status(
    error: ProviderError, status: int, kind: str, code: str
) -> None:
    mapped = upstream_error(error)
    assert (mapped.status, mapped.type, mapped.code) == (status, kind, code)
    assert mapped.body() == {
        "error": {"message": str(error), "type": kind, "code": code, "param": None}
    }


def test_retry_after_is_whole_seconds() -> None:
    limited = upstream_error(RateLimitError(429, "", **WHERE, retry_after=1.2))
    assert limited.headers() == {"Retry-After": "2"}


@pytest.mark.parametrize("status", [500, 502, 504])
def test_no_5xx_invites_a_client_to_retry(status: int) -> None:
    # The provider's call retried what its policy retries: a client's retry resends the prompt.
    assert GatewayError(status, "x", type="upstream_error").headers() == {"x-should-retry": "false"}
    assert GatewayError(400, "x", type="invalid_request_error").headers() == {}


def parse(**fields: object) -> object:
    body = {"model": "OpenaiChat", "messages": [{"role": "user", "content": "hi"}], **fields}
    return parse_chat_request(json.dumps(body).encode(), generated._REGISTRY)


def test_parameters_are_checked_by_their_declared_type() -> None:
    chat = parse(temperature=1, max_tokens=5, top_p=None, seed=3, stream=True)
    assert chat.arguments == {"temperature": 1.0, "max_tokens": 5, "include_usage": False}
    assert isinstance(chat.arguments["temperature"], float)
    assert chat.ignored == ("seed",)
    assert chat.model == "gpt-4o-mini"  # the default
    assert chat.model_id == "OpenaiChat/gpt-4o-mini"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("max_tokens", 1.5, "max_tokens must be an integer"),
        ("max_tokens", True, "max_tokens must be an integer"),
        ("temperature", False, "temperature must be a number"),
        (
            "stream_options",
            {"include_usage": 1},
            "stream_options.include_usage must be true or false",
        ),
        ("temperature", 10**400, "temperature is out of range"),
        ("stream_options", [], "stream_options must be an object"),
    ],
)
def test_a_value_of_the_wrong_type_is_refused(field: str, value: object, message: str) -> None:
    with pytest.raises(GatewayError) as raised:
        parse(**{field: value})
    assert (raised.value.status, raised.value.message) == (400, message)


def test_a_number_out_of_range_is_refused_as_unreadable() -> None:
    body = b'{"model": "OpenaiChat", "messages": [], "temperature": 1e400}'
    with pytest.raises(GatewayError) as raised:
        parse_chat_request(body, generated._REGISTRY)
    assert raised.value.message.startswith("cannot read the body as JSON: Number out of range")
    assert (raised.value.status, raised.value.code) == (400, "invalid_json")


@pytest.mark.parametrize(
    ("fields", "asked"),
    [
        ({"stream": True, "stream_options": {"include_usage": True}}, True),
        ({"stream": True, "stream_options": {"include_usage": False}}, False),
        ({"stream": True}, False),
        ({"stream": False}, True),  # a whole answer tells the usage whenever it is known
        ({"stream": True, "include_usage": True}, False),  # the gateway's to set: ignored
    ],
)
def test_a_provider_declaring_include_usage_gets_it_from_stream_options(
    fields: dict[str, object], asked: bool
) -> None:
    chat = parse(**fields)
    assert chat.arguments["include_usage"] is asked
    assert chat.ignored == (("include_usage",) if "include_usage" in fields else ())


def test_a_provider_declaring_no_include_usage_gets_none() -> None:
    chat = parse(model="CodeLinkAva", stream=True, stream_options={"include_usage": True})
    assert "include_usage" not in chat.arguments
    assert chat.include_usage


def test_json_nested_too_deeply_is_refused_as_unreadable() -> None:
    body = b'{"model": "OpenaiChat", "messages": ' + b"[" * 10_000 + b"]" * 10_000 + b"}"
    with pytest.raises(GatewayError) as raised:
        parse_chat_request(body, generated._REGISTRY)
    assert (raised.value.status, raised.value.code) == (400, "invalid_json")
    assert raised.value.message == "cannot read the body as JSON: nested too deeply"


def test_an_assistant_message_with_null_content_is_passed_on_with_empty_text() -> None:
    tool_call = {"id": "call_1", "type": "function", "function": {"name": "f", "arguments": "{}"}}
    messages = [
        {"role": "user", "content": "hi"},
        {"role": "assistant", "content": None, "tool_calls": [tool_call]},
        {"role": "user", "content": "and?"},
    ]
    chat = parse(messages=messages)
    assert chat.messages[1] == {"role": "assistant", "content": "", "tool_calls": [tool_call]}
    assert messages[1]["content"] is None  # the request's own object is left as it was
    with pytest.raises(GatewayError, match=r"messages\[0\] must be"):
        parse(messages=[{"role": "user", "content": None}])


def test_a_model_with_slashes_keeps_them_after_the_provider() -> None:
    chat = parse(model="ollama_chat/library/qwen2.5:7b")
    assert (chat.provider.name, chat.model) == ("OllamaChat", "library/qwen2.5:7b")


def test_ignored_field_names_are_escaped_and_their_list_bounded() -> None:
    assert _listed(["n", "a\r\nSet-Cookie: x", "é"]) == "n, a%0D%0ASet-Cookie%3A%20x, %C3%A9"
    long = _listed([f"field{i:04}" for i in range(1000)])
    assert len(long) <= 1000 and long.endswith(", ...")
