"""How decoded events become deltas and events: stops, errors, filters, typed events."""

from __future__ import annotations

import json

import pytest

from generator.runtime._events import Finish, ReasoningDelta, ToolCallDelta, Usage
from generator.runtime._exceptions import (
    IncompleteStreamError,
    MalformedEventError,
    ProviderError,
    ServerReportedError,
)
from generator.runtime._framings import (
    DocumentRules,
    Framing,
    JSONArrayFraming,
    NDJSONFraming,
    Origin,
    SSEFraming,
    TextFraming,
)
from generator.runtime._stream import StreamItem

from ..reading import read_body
from .compiled import compiled_rules

ORIGIN = Origin("Test", "POST http://test/api")


def run(framing: Framing, data: bytes) -> tuple[list[object], ProviderError | None]:
    """What the framing yields for ``data`` (text as str, other events as themselves)."""
    return read_body(framing, [data], ORIGIN, ProviderError)


def read_document(
    rules: DocumentRules, text: str, origin: Origin = ORIGIN
) -> tuple[list[object], bool]:
    """What one JSON document carries, and whether it completes the answer."""
    items: list[StreamItem] = []
    complete = rules.read(json.loads(text), items, origin)
    return list(items), complete


TEXT = compiled_rules({"delta": "$.t"})


def test_non_string_deltas_are_skipped_by_default() -> None:
    body = b'{"t":"a"}\n{"t":1}\n{"t":null}\n{"t":""}\n{"u":"x"}\n{"t":"b"}\n'
    assert run(NDJSONFraming(TEXT), body) == (["a", "b"], None)


def test_non_string_deltas_converted_to_json_text() -> None:
    rules = compiled_rules({"delta": "$.t", "non_string_delta": "convert"})
    body = b'{"t":1.5}\n{"t":true}\n{"t":null}\n{"t":{"k":"\xc3\xa9"}}\n'
    assert run(NDJSONFraming(rules), body) == (["1.5", "true", '{"k": "é"}'], None)


def test_stop_path_uses_json_equality() -> None:
    rules = compiled_rules({"delta": "$.t", "stop": {"path": "$.done"}})
    body = b'{"t":"a","done":1}\n{"t":"b","done":"true"}\n{"t":"c","done":true}\n{"t":"late"}\n'
    assert run(NDJSONFraming(rules), body) == (["a", "b", "c"], None)


def test_stop_path_with_another_value() -> None:
    rules = compiled_rules({"delta": "$.t", "stop": {"path": "$.state", "equals": "end"}})
    assert run(NDJSONFraming(rules), b'{"t":"a"}\n{"state":"end"}\n{"t":"x"}\n') == (["a"], None)


def test_ndjson_ending_before_its_stop_is_incomplete() -> None:
    rules = compiled_rules({"delta": "$.t", "stop": {"path": "$.done"}})
    deltas, error = run(NDJSONFraming(rules), b'{"t":"a"}\n{"t":"b"}')
    assert deltas == ["a", "b"]
    assert isinstance(error, IncompleteStreamError)


def test_ndjson_without_stop_ends_with_the_body() -> None:
    assert run(NDJSONFraming(TEXT), b'{"t":"a"}\n{"t":"b"}') == (["a", "b"], None)


def test_error_path_raises_the_server_message() -> None:
    rules = compiled_rules({"delta": "$.t", "error": {"message": "$.error"}})
    deltas, error = run(NDJSONFraming(rules), b'{"t":"a"}\n{"error":"model not found"}\n')
    assert deltas == ["a"]
    assert isinstance(error, ServerReportedError)
    assert error.server_message == "model not found"
    assert str(error) == (
        "Test: the server reported an error: model not found [POST http://test/api]"
    )


def test_a_null_error_is_no_error() -> None:
    rules = compiled_rules({"delta": "$.t", "error": {"message": "$.error"}})
    assert run(NDJSONFraming(rules), b'{"t":"a","error":null}\n') == (["a"], None)


def test_malformed_ndjson_line() -> None:
    deltas, error = run(NDJSONFraming(TEXT), b'{"t":"a"}\nnot json\n')
    assert deltas == ["a"]
    assert isinstance(error, MalformedEventError)
    assert error.line == "not json"


ANTHROPIC_LIKE = SSEFraming(
    rules=compiled_rules({"delta": "$.text", "error": {"message": "$.message"}}),
    delta_events=frozenset({"content_block_delta"}),
    stop_events=frozenset({"message_stop"}),
    error_events=frozenset({"error"}),
)


def test_deltas_only_from_the_given_event_types() -> None:
    body = (
        b'event: message_start\ndata: {"text":"no"}\n\n'
        b"event: ping\ndata: not even json\n\n"
        b'event: content_block_delta\ndata: {"text":"yes"}\n\n'
        b"event: message_stop\ndata: {}\n\n"
        b'event: content_block_delta\ndata: {"text":"after the stop"}\n\n'
    )
    assert run(ANTHROPIC_LIKE, body) == (["yes"], None)


def test_ending_before_the_stop_event_is_incomplete() -> None:
    deltas, error = run(ANTHROPIC_LIKE, b'event: content_block_delta\ndata: {"text":"a"}\n\n')
    assert deltas == ["a"]
    assert isinstance(error, IncompleteStreamError)


@pytest.mark.parametrize(
    "data, message",
    [(b'{"message":"Overloaded"}', "Overloaded"), (b"plain words", "plain words")],
)
def test_an_error_event_carries_its_message(data: bytes, message: str) -> None:
    _, error = run(ANTHROPIC_LIKE, b"event: error\ndata: " + data + b"\n\n")
    assert isinstance(error, ServerReportedError)
    assert error.server_message == message


def test_the_stop_sentinel_matches_exactly_not_as_a_prefix() -> None:
    framing = SSEFraming(rules=TEXT, stop_data="[DONE]")
    body = b'data: {"t":"a"}\n\ndata: [DONE]x\n\n'
    deltas, error = run(framing, body)
    assert deltas == ["a"]
    assert isinstance(error, MalformedEventError)  # "[DONE]x" is data, and not JSON
    assert run(framing, b'data: {"t":"a"}\n\ndata: [DONE]\n\n') == (["a"], None)


def test_sse_without_stop_condition_but_a_cut_off_event_is_incomplete() -> None:
    framing = SSEFraming(rules=TEXT)
    assert run(framing, b'data: {"t":"a"}\n\n') == (["a"], None)
    deltas, error = run(framing, b'data: {"t":"a"}\n\ndata: {"t":"b"}')
    assert deltas == ["a"]
    assert isinstance(error, IncompleteStreamError)
    assert "in the middle of an event" in str(error)


def test_raw_text_is_the_answer() -> None:
    assert run(TextFraming(), "Grüße".encode()) == (["Grüße"], None)


# ---------------------------------------------------------------- version 2: events


EVENTS = compiled_rules(
    {
        "delta": "$.parts[*].text",
        "reasoning": "$.thinking",
        "tool_calls": "$.calls[*]",
        "usage": {"input_tokens": "$.usage.in", "output_tokens": "$.usage.out"},
        "finish_reason": "$.finish",
        "error": {"message": ["$.error.message", "$.failure"]},
    }
)


def test_every_match_of_the_delta_path_is_a_delta_in_document_order() -> None:
    body = b'{"parts": [{"text": "A"}, {"text": "B"}, {"image": 1}]}\n{"parts": [{"text": "C"}]}\n'
    assert run(NDJSONFraming(EVENTS), body) == (["A", "B", "C"], None)


def test_one_document_carries_reasoning_text_tool_calls_usage_and_finish_in_that_order() -> None:
    document = {
        "finish": "stop",
        "usage": {"in": 7, "out": 3},
        "calls": [{"id": "c1"}],
        "parts": [{"text": "Hi"}],
        "thinking": "Hmm",
    }
    items, stop = read_document(EVENTS, json.dumps(document), ORIGIN)
    assert items == [
        ReasoningDelta("Hmm"),
        "Hi",
        ToolCallDelta({"id": "c1"}),
        Usage(input_tokens=7, output_tokens=3),
        Finish("stop"),
    ]
    assert not stop


def test_no_event_where_nothing_matches() -> None:
    assert read_document(EVENTS, '{"usage": {"in": "seven"}, "finish": null}', ORIGIN) == (
        [],
        False,
    )


@pytest.mark.parametrize(
    "document, message",
    [('{"error": {"message": "bad"}}', "bad"), ('{"failure": {"code": 5}}', '{"code": 5}')],
)
def test_the_first_error_path_that_matches_is_the_message(document: str, message: str) -> None:
    with pytest.raises(ServerReportedError) as caught:
        read_document(EVENTS, document, ORIGIN)
    assert caught.value.server_message == message


def test_a_stop_path_stops_when_any_match_equals() -> None:
    rules = compiled_rules({"delta": "$.t", "stop": {"path": "$.done[*]", "equals": True}})
    assert read_document(rules, '{"t": "x", "done": [false, true]}', ORIGIN) == (["x"], True)


RESPONSES_LIKE = SSEFraming(
    rules=compiled_rules(
        {
            "delta": "$.delta",
            "usage": {
                "input_tokens": "$.response.usage.input_tokens",
                "output_tokens": "$.response.usage.output_tokens",
            },
            "error": {"message": "$.response.error.message"},
        }
    ),
    delta_events=frozenset({"response.output_text.delta"}),
    stop_events=frozenset({"response.completed", "response.incomplete"}),
    error_events=frozenset({"error", "response.failed"}),
)


def test_the_stop_events_data_is_read_for_its_events() -> None:
    body = (
        b'event: response.output_text.delta\ndata: {"delta": "Hi"}\n\n'
        b'event: response.completed\ndata: {"response": {"usage": '
        b'{"input_tokens": 5, "output_tokens": 1}}}\n\n'
    )
    assert run(RESPONSES_LIKE, body) == (["Hi", Usage(5, 1)], None)


@pytest.mark.parametrize("event", [b"error", b"response.failed"])
def test_each_error_event_type_is_an_error(event: bytes) -> None:
    body = (
        b'event: response.output_text.delta\ndata: {"delta": "Hi"}\n\n'
        b"event: " + event + b'\ndata: {"response": {"error": {"message": "quota"}}}\n\n'
    )
    deltas, error = run(RESPONSES_LIKE, body)
    assert deltas == ["Hi"]
    assert isinstance(error, ServerReportedError)
    assert error.server_message == "quota"


def test_a_json_array_body() -> None:
    framing = JSONArrayFraming(EVENTS)
    body = b'[{"parts": [{"text": "A"}]}\n,\r\n{"parts": [{"text": "B"}], "finish": "STOP"}\n]'
    assert run(framing, body) == (["A", "B", Finish("STOP")], None)
    deltas, error = run(framing, body[:-2])
    assert deltas == ["A", "B", Finish("STOP")]
    assert isinstance(error, IncompleteStreamError)
    _, error = run(framing, b'{"parts": []}')
    assert isinstance(error, MalformedEventError)
    assert "the body is not a JSON array" in str(error)


def test_an_empty_tool_call_value_is_no_tool_call() -> None:
    rules = compiled_rules({"delta": "$.t", "tool_calls": "$.calls"})
    assert read_document(rules, '{"calls": []}', ORIGIN) == ([], False)
    assert read_document(rules, '{"calls": {"id": "c1"}}', ORIGIN) == (
        [ToolCallDelta({"id": "c1"})],
        False,
    )
