"""How decoded events become deltas: stop conditions, error reports, event filters, conversion."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from generator.runtime._exceptions import (
    IncompleteStreamError,
    MalformedEventError,
    ProviderError,
    ServerReportedError,
)
from generator.runtime._framings import (
    MISSING,
    Framing,
    JSONRules,
    NDJSONFraming,
    Origin,
    Selector,
    SSEFraming,
    TextFraming,
)

ORIGIN = Origin("Test", "POST http://test/api")


def key(name: str) -> Selector:
    """A selector for a top-level key (what the generator emits, without the generator)."""

    def select(document: object) -> object:
        if isinstance(document, dict) and name in document:
            return document[name]
        return MISSING

    return select


async def _body(data: bytes) -> AsyncIterator[bytes]:
    yield data


def run(framing: Framing, data: bytes) -> tuple[list[str], ProviderError | None]:
    async def collect() -> tuple[list[str], ProviderError | None]:
        deltas: list[str] = []
        try:
            async for delta in framing.deltas(_body(data), ORIGIN):
                deltas.append(delta)
        except ProviderError as error:
            return deltas, error
        return deltas, None

    return asyncio.run(collect())


TEXT = JSONRules(delta=key("t"))


def test_non_string_deltas_are_skipped_by_default() -> None:
    body = b'{"t":"a"}\n{"t":1}\n{"t":null}\n{"t":""}\n{"u":"x"}\n{"t":"b"}\n'
    assert run(NDJSONFraming(TEXT), body) == (["a", "b"], None)


def test_non_string_deltas_converted_to_json_text() -> None:
    rules = JSONRules(delta=key("t"), convert_non_string=True)
    body = b'{"t":1.5}\n{"t":true}\n{"t":null}\n{"t":{"k":"\xc3\xa9"}}\n'
    assert run(NDJSONFraming(rules), body) == (["1.5", "true", '{"k": "é"}'], None)


def test_stop_path_uses_json_equality() -> None:
    rules = JSONRules(delta=key("t"), stop_path=key("done"))
    body = b'{"t":"a","done":1}\n{"t":"b","done":"true"}\n{"t":"c","done":true}\n{"t":"late"}\n'
    assert run(NDJSONFraming(rules), body) == (["a", "b", "c"], None)


def test_stop_path_with_another_value() -> None:
    rules = JSONRules(delta=key("t"), stop_path=key("state"), stop_equals="end")
    assert run(NDJSONFraming(rules), b'{"t":"a"}\n{"state":"end"}\n{"t":"x"}\n') == (["a"], None)


def test_ndjson_ending_before_its_stop_is_incomplete() -> None:
    rules = JSONRules(delta=key("t"), stop_path=key("done"))
    deltas, error = run(NDJSONFraming(rules), b'{"t":"a"}\n{"t":"b"}')
    assert deltas == ["a", "b"]
    assert isinstance(error, IncompleteStreamError)


def test_ndjson_without_stop_ends_with_the_body() -> None:
    assert run(NDJSONFraming(TEXT), b'{"t":"a"}\n{"t":"b"}') == (["a", "b"], None)


def test_error_path_raises_the_server_message() -> None:
    rules = JSONRules(delta=key("t"), error_message=key("error"))
    deltas, error = run(NDJSONFraming(rules), b'{"t":"a"}\n{"error":"model not found"}\n')
    assert deltas == ["a"]
    assert isinstance(error, ServerReportedError)
    assert error.server_message == "model not found"
    assert str(error) == (
        "Test: the server reported an error: model not found [POST http://test/api]"
    )


def test_a_null_error_is_no_error() -> None:
    rules = JSONRules(delta=key("t"), error_message=key("error"))
    assert run(NDJSONFraming(rules), b'{"t":"a","error":null}\n') == (["a"], None)


def test_malformed_ndjson_line() -> None:
    deltas, error = run(NDJSONFraming(TEXT), b'{"t":"a"}\nnot json\n')
    assert deltas == ["a"]
    assert isinstance(error, MalformedEventError)
    assert error.line == "not json"


ANTHROPIC_LIKE = SSEFraming(
    rules=JSONRules(delta=key("text"), error_message=key("message")),
    delta_events=frozenset({"content_block_delta"}),
    stop_event="message_stop",
    error_event="error",
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
