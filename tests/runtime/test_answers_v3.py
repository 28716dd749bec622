"""Answers of version 3: cumulative texts, filtered documents, one whole JSON document, SSE
whose data is text, and markers in text answers; each read whole and split anywhere."""

from __future__ import annotations

import pytest

from generator.runtime._exceptions import (
    IncompleteStreamError,
    MalformedEventError,
    ProtocolError,
    ProviderError,
    ServerReportedError,
)
from generator.runtime._framings import (
    JSONFraming,
    NDJSONFraming,
    Origin,
    SSEFraming,
    TextFraming,
    TextMarkers,
)

from ..reading import read_body
from .compiled import compiled_rules

ORIGIN = Origin("Test", "POST http://test/api")


def every_split(framing: object, body: bytes) -> set[tuple[object, ...]]:
    """What the framing makes of ``body`` read whole, cut in two anywhere, and byte by byte:
    the deltas joined (reads may cut texts anywhere) and the error's type."""
    outcomes = set()
    cuts = [[body], [body[i : i + 1] for i in range(len(body))]]
    cuts += [[body[:i], body[i:]] for i in range(1, len(body))]
    for pieces in cuts:
        items, error = read_body(framing, pieces, ORIGIN, ProviderError)
        texts = "".join(item for item in items if isinstance(item, str))
        outcomes.add((texts, type(error).__name__ if error else None))
    return outcomes


# ---------------------------------------------------------------- cumulative answers

CUMULATIVE = b"".join(
    b'{"text": "%s"}\n' % text.encode() for text in ["He", "Hell", "Hell", "Hello!"]
)


def test_a_cumulative_answer_yields_only_what_each_text_adds() -> None:
    rules = compiled_rules({"delta": "$.text", "cumulative": "error"})
    items, error = read_body(NDJSONFraming(rules), [CUMULATIVE], ORIGIN, ProviderError)
    assert (items, error) == (["He", "ll", "o!"], None)


@pytest.mark.parametrize(
    "mode, expected",
    [
        ("restart", (["He", "Bye"], None)),
        ("skip", (["He", "!"], None)),
        ("error", (["He"], ProtocolError)),
    ],
)
def test_a_text_that_does_not_extend_the_last_restarts_or_is_an_error(
    mode: str, expected: tuple[list[str], type[Exception] | None]
) -> None:
    rules = compiled_rules({"delta": "$.text", "cumulative": mode})
    body = b'{"text": "He"}\n{"text": "Bye"}\n{"text": "He!"}\n'
    items, error = read_body(NDJSONFraming(rules), [body], ORIGIN, ProviderError)
    if mode == "restart":  # "He!" does not extend "Bye" either
        expected = (["He", "Bye", "He!"], None)
    assert (items, type(error) if error else None) == expected
    if error is not None:
        assert "does not extend" in str(error)


def test_a_cumulative_answer_is_the_same_however_it_is_split() -> None:
    rules = compiled_rules({"delta": "$.text", "cumulative": "error"})
    assert every_split(NDJSONFraming(rules), CUMULATIVE) == {("Hello!", None)}


def test_cumulative_sse_events_with_a_filter() -> None:
    rules = compiled_rules(
        {
            "delta": "$.message.parts[0]",
            "cumulative": "restart",
            "filter": {"path": "$.message.type", "in": ["next", "final"]},
        }
    )
    events = [
        '{"message": {"type": "next", "parts": ["A"]}}',
        '{"message": {"type": "search", "parts": ["looking up..."]}}',
        '{"message": {"type": "next", "parts": ["AB"]}}',
        '{"message": {"parts": ["no type"]}}',
        '{"message": {"type": "final", "parts": ["ABC"]}}',
    ]
    body = "".join(f"data: {event}\n\n" for event in events).encode() + b"data: [DONE]\n\n"
    framing = SSEFraming(rules=rules, stop_data="[DONE]")
    items, error = read_body(framing, [body], ORIGIN, ProviderError)
    assert (items, error) == (["A", "B", "C"], None)


@pytest.mark.parametrize(
    "value, counts", [('"live"', True), ("true", False), ('"LIVE"', False), ("null", False)]
)
def test_a_filter_compares_as_json_does(value: str, counts: bool) -> None:
    rules = compiled_rules({"delta": "$.t", "filter": {"path": "$.kind", "equals": "live"}})
    body = b'{"t": "x", "kind": %s}\n' % value.encode()
    items, _ = read_body(NDJSONFraming(rules), [body], ORIGIN, ProviderError)
    assert items == (["x"] if counts else [])


def test_an_error_message_counts_only_where_its_condition_holds() -> None:
    rules = compiled_rules(
        {
            "delta": "$.data",
            "error": {"message": "$.msg", "when": {"path": "$.status", "in": ["error", "fail"]}},
        }
    )
    success = b'{"status": "success", "msg": "Something went wrong", "data": "Hi"}\n'
    failure = b'{"status": "error", "msg": "quota exceeded"}\n'
    assert read_body(NDJSONFraming(rules), [success], ORIGIN, ProviderError) == (["Hi"], None)
    items, error = read_body(NDJSONFraming(rules), [success + failure], ORIGIN, ProviderError)
    assert items == ["Hi"] and isinstance(error, ServerReportedError)
    assert error.server_message == "quota exceeded"


# ---------------------------------------------------------------- one JSON document

PRETTY = b'{\n  "answer": {\n    "text": "Hi \\u00e9"\n  },\n  "id": 1\n}\n'


def test_one_pretty_printed_document_is_the_answer() -> None:
    framing = JSONFraming(compiled_rules({"delta": "$.answer.text"}))
    assert every_split(framing, PRETTY) == {("Hi é", None)}


def test_one_document_reports_its_error() -> None:
    rules = compiled_rules({"delta": "$.text", "error": {"message": "$.error"}})
    items, error = read_body(JSONFraming(rules), [b'{"error": "quota"}'], ORIGIN, ProviderError)
    assert items == [] and isinstance(error, ServerReportedError)
    assert error.server_message == "quota"


@pytest.mark.parametrize(
    "body, failure",
    [
        (b"", IncompleteStreamError),
        (b" \n", IncompleteStreamError),
        (b'{"t": ', MalformedEventError),
    ],
)
def test_no_document_or_half_of_one_is_an_error(body: bytes, failure: type[Exception]) -> None:
    items, error = read_body(
        JSONFraming(compiled_rules({"delta": "$.t"})), [body], ORIGIN, ProviderError
    )
    assert items == [] and isinstance(error, failure)


# ---------------------------------------------------------------- SSE whose data is text

PHIND_LIKE = (
    b"data: <PHIND_METADATA>{}\n\n"
    b"data: Hello\n\n"
    b"data: \ndata: \n\n"
    b"data: world\n\n"
    b"data: <PHIND_DONE/>\n\n"
)


def test_sse_text_data_is_the_text_lines_joined_as_the_standard_says() -> None:
    markers = TextMarkers(skip=("<PHIND_METADATA>",))
    framing = SSEFraming(markers=markers, stop_data="<PHIND_DONE/>", content_types=("*/*",))
    items, error = read_body(framing, [PHIND_LIKE], ORIGIN, ProviderError)
    assert (items, error) == (["Hello", "\n", "world"], None)
    assert every_split(framing, PHIND_LIKE) == {("Hello\nworld", None)}


def test_an_sse_text_event_with_an_error_text_is_the_servers_error() -> None:
    framing = SSEFraming(markers=TextMarkers(errors=("rate limit",)))
    body = b"data: Hi\n\ndata: sorry, rate limit reached\n\n"
    items, error = read_body(framing, [body], ORIGIN, ProviderError)
    assert items == ["Hi"] and isinstance(error, ServerReportedError)
    assert error.server_message == "sorry, rate limit reached"


# ---------------------------------------------------------------- markers in a text body

NOTICE = b"> retry if it fails\n"


def test_a_notice_before_the_answer_is_cut_however_the_reads_fall() -> None:
    framing = TextFraming(markers=TextMarkers(cut_before="> retry if it fails"))
    body = b"ads and notes\n" + NOTICE + "the answer, é".encode()
    assert every_split(framing, body) == {("\nthe answer, é", None)}


def test_a_text_without_the_notice_is_all_answer() -> None:
    framing = TextFraming(markers=TextMarkers(cut_before="> retry"))
    assert every_split(framing, b"just the answer") == {("just the answer", None)}


def test_an_error_text_split_across_reads_is_found_and_never_passed_on() -> None:
    framing = TextFraming(markers=TextMarkers(errors=("IP blocked",)))
    body = "Hello, your IP blocked for abuse"
    before = {body[:end] for end in range(body.index("IP blocked") + 1)}
    assert every_split(framing, body.encode()) <= {(text, "ServerReportedError") for text in before}


def test_what_comes_before_the_error_text_is_passed_on_at_most() -> None:
    framing = TextFraming(markers=TextMarkers(errors=("IP blocked",)))
    for cut in range(1, 32):
        pieces = [b"Hello, your IP blocked"[:cut], b"Hello, your IP blocked"[cut:]]
        items, error = read_body(framing, pieces, ORIGIN, ProviderError)
        assert isinstance(error, ServerReportedError)
        assert "IP blocked" not in "".join(items)
