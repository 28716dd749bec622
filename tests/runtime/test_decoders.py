"""The byte decoders, without HTTP: WHATWG SSE rules, NDJSON, JSON arrays and raw text, split anywhere."""

from __future__ import annotations

import itertools
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.runtime._framings.json_array import JSONArrayDecoder, JSONArrayError
from generator.runtime._framings.lines import OversizeError
from generator.runtime._framings.ndjson import LineDecoder
from generator.runtime._framings.sse import ServerSentEvent, SSEDecoder
from generator.runtime._framings.text import TextDecoder

Event = tuple[str, str, str | None]


def E(data: str = "", event: str = "message", error: str | None = None) -> Event:
    """An event: its type, its data as text, its error field."""
    return (event, data, error)


def as_text(event: ServerSentEvent) -> Event:
    # The decoder hands data over as bytes; what they say is decoded later, invalid bytes
    # replaced.
    kind, data, error = event
    return (kind, data.decode("utf-8", "replace"), error)


def feed(decoder: SSEDecoder, piece: bytes) -> list[Event]:
    """The events one read completes."""
    events = (decoder.event(block) for block in decoder.blocks(piece))
    return [as_text(event) for event in events if event is not None]


def sse(*pieces: bytes, max_size: int = 1 << 20) -> tuple[list[Event], bool]:
    decoder = SSEDecoder(max_size)
    events = [event for piece in pieces for event in feed(decoder, piece)]
    decoder.close()
    return events, decoder.truncated


def one_byte_at_a_time(data: bytes) -> list[bytes]:
    return [data[i : i + 1] for i in range(len(data))]


# ---------------------------------------------------------------- SSE


def test_data_events_and_types() -> None:
    events, truncated = sse(b"data: a\n\nevent: delta\ndata: b\n\n")
    assert events == [E(data="a"), E(event="delta", data="b")]
    assert not truncated


@pytest.mark.parametrize("end", [b"\n", b"\r", b"\r\n"])
def test_every_line_end(end: bytes) -> None:
    data = b"data: a" + end + b"data: b" + end + end
    assert sse(data)[0] == [E(data="a\nb")]
    assert sse(*one_byte_at_a_time(data))[0] == [E(data="a\nb")]


def test_mixed_line_ends() -> None:
    assert sse(b"data: a\r\ndata: b\rdata: c\n\r\n")[0] == [E(data="a\nb\nc")]


def test_crlf_split_across_reads_is_one_line_end() -> None:
    # A CR at the end of a read and the LF starting the next must not make a blank line,
    # which would dispatch "a" alone.
    assert sse(b"data: a\r", b"\ndata: b\r", b"\n\r", b"\n")[0] == [E(data="a\nb")]


def test_an_empty_read_between_cr_and_lf_changes_nothing() -> None:
    # CR, empty read, LF is one line end; the second LF is the blank line that dispatches.
    assert sse(b"data: a\r", b"", b"\n\n") == ([E(data="a")], False)
    # Had the LF been taken for a line end of its own, "a" would be dispatched before "b".
    assert sse(b"data: a\r", b"", b"\ndata: b\n\n")[0] == [E(data="a\nb")]


def test_cr_only_stream() -> None:
    assert sse(b"data: x\r\rdata: y\r\r")[0] == [E(data="x"), E(data="y")]


def test_leading_bom_is_stripped_even_split() -> None:
    data = b"\xef\xbb\xbfdata: first\n\n"
    assert sse(data)[0] == [E(data="first")]
    assert sse(b"\xef", b"\xbb", b"\xbfdata: first\n\n")[0] == [E(data="first")]


def test_a_second_bom_is_content() -> None:
    events, _ = sse(b"\xef\xbb\xbf\xef\xbb\xbfdata: x\n\n")
    assert events == []  # the field name is "\ufeffdata", an unknown field
    assert sse(b"data: \xef\xbb\xbfx\n\n")[0] == [E(data="\ufeffx")]


def test_field_with_and_without_space_after_colon() -> None:
    assert sse(b"data:a\ndata: b\ndata:  c\n\n")[0] == [E(data="a\nb\n c")]


def test_line_without_colon_is_a_field_with_empty_value() -> None:
    assert sse(b"data\ndata\n\n")[0] == [E(data="\n")]
    assert sse(b"data:\n\n")[0] == [E(data="")]


def test_comments_and_unknown_fields_are_ignored() -> None:
    assert sse(b": ping\nfoo: bar\nData: no\ndata: yes\n\n")[0] == [E(data="yes")]


def test_block_without_data_dispatches_nothing_and_resets_the_type() -> None:
    events, _ = sse(b"event: ping\n\nid: 7\n\ndata: x\n\n")
    assert events == [E(event="message", data="x")]


def test_ids_and_reconnection_times_change_nothing() -> None:
    # An LLM stream is a POST: it is never resumed, so neither is kept.
    body = b"id: 1\ndata: a\n\nretry: 3000\ndata: b\n\nid: 2\x00\nretry: x\ndata: c\n\n"
    assert sse(body) == ([E(data="a"), E(data="b"), E(data="c")], False)


def test_an_event_cut_off_at_end_of_body_is_discarded() -> None:
    events, truncated = sse(b"data: whole\n\ndata: half")
    assert events == [E(data="whole")]
    assert truncated
    events, truncated = sse(b"data: whole\n\ndata: half\n")
    assert events == [E(data="whole")]
    assert truncated


def test_u2028_and_other_separators_are_data() -> None:
    text = "a\u2028b\u0085c\x0bd\x0ce"
    assert sse(f"data: {text}\n\n".encode())[0] == [E(data=text)]


def test_invalid_utf8_becomes_replacement_characters() -> None:
    assert sse(b"data: a\xffb\xc3\n\n")[0] == [E(data="a\ufffdb\ufffd")]


def test_multibyte_character_split_across_reads() -> None:
    data = "data: é日😀\n\n".encode()
    assert sse(*one_byte_at_a_time(data))[0] == [E(data="é日😀")]


def test_an_endless_line_is_refused_before_it_ends() -> None:
    decoder = SSEDecoder(max_size=1000)
    feed(decoder, b"data: " + b"x" * 900)
    with pytest.raises(OversizeError) as caught:
        feed(decoder, b"x" * 200)
    assert caught.value.limit == 1000


def test_an_event_of_many_small_lines_is_bounded_too() -> None:
    decoder = SSEDecoder(max_size=1000)
    with pytest.raises(OversizeError):
        feed(decoder, b"data: xxxxxxxxx\n" * 200)


def test_a_long_line_in_tiny_reads_is_linear() -> None:
    decoder = SSEDecoder()
    for _ in range(200_000):
        assert feed(decoder, b"xxxxx") == []
    assert feed(decoder, b"\n\n") == []  # a line named "xxxx...", an unknown field


def test_an_unfinished_block_longer_than_the_limit_in_bytes_is_counted_read_by_read() -> None:
    # Comments carry no data: a block of them is never too large, only long (the silence
    # bound ends such a body); each read is counted once, not the whole block again.
    decoder = SSEDecoder(max_size=10_000)
    body = b": keep-alive\n" * 20_000
    for start in range(0, len(body), 100):
        assert feed(decoder, body[start : start + 100]) == []
    # Three bytes a character: the limit is reached at 10,000 characters, not bytes.
    decoder = SSEDecoder(max_size=10_000)
    feed(decoder, b"data: ")
    line = "日".encode() * 9_990
    for start in range(0, len(line), 7):  # cut inside characters too
        feed(decoder, line[start : start + 7])
    with pytest.raises(OversizeError):
        feed(decoder, "日".encode() * 10)


def test_the_data_of_an_unfinished_event_counts_toward_the_limit() -> None:
    decoder = SSEDecoder(max_size=1_000)
    feed(decoder, b"data: " + b"x" * 600 + b"\n: comment\n")
    with pytest.raises(OversizeError):
        feed(decoder, b"data:" + b"y" * 450 + b"\n")


def test_a_body_that_is_the_start_of_a_bom_is_empty() -> None:
    # utf-8-sig reads nothing in it, and neither does the decoder.
    assert sse(b"\xef\xbb") == ([], False)
    assert lines(b"\xef", b"\xbb") == []


# ---------------------------------------------------------------- NDJSON


def lines(*pieces: bytes) -> list[str]:
    decoder = LineDecoder()
    complete = [line.decode() for piece in pieces for line in decoder.feed(piece)]
    last = decoder.close()
    return complete if last is None else [*complete, last]


def test_ndjson_lines_with_mixed_ends_and_blanks() -> None:
    assert lines(b'{"a":1}\r\n\n{"b":2}\r{"c":3}\n  \n') == ['{"a":1}', '{"b":2}', '{"c":3}']


def test_ndjson_last_line_without_newline() -> None:
    assert lines(b"one\ntwo") == ["one", "two"]


def test_ndjson_split_inside_crlf_and_characters() -> None:
    data = '{"t":"日本"}\r\n{"t":"ü"}\r\n'.encode()
    assert lines(*one_byte_at_a_time(data)) == ['{"t":"日本"}', '{"t":"ü"}']


def test_ndjson_oversize_line() -> None:
    with pytest.raises(OversizeError):
        LineDecoder(max_size=10).feed(b"x" * 11)


def test_ndjson_an_unfinished_line_is_counted_in_characters_read_by_read() -> None:
    decoder = LineDecoder(max_size=10_000)
    line = "ü".encode() * 9_999
    for start in range(0, len(line), 5):
        assert decoder.feed(line[start : start + 5]) == []
    with pytest.raises(OversizeError):
        decoder.feed("ü".encode() * 2)


# ---------------------------------------------------------------- text


def test_text_split_inside_characters() -> None:
    data = "Grüße, 世界 😀".encode()
    decoder = TextDecoder()
    pieces = [decoder.feed(b) for b in one_byte_at_a_time(data)] + [decoder.close()]
    assert "".join(pieces) == "Grüße, 世界 😀"
    assert "\ufffd" not in "".join(pieces)


def test_text_truncated_character_at_end_is_replaced() -> None:
    decoder = TextDecoder()
    assert decoder.feed(b"ok \xe4\xb8") == "ok "
    assert decoder.close() == "\ufffd"


# ---------------------------------------------------------------- properties

FIELD_TEXT = st.text(
    st.characters(blacklist_categories=["Cs"], blacklist_characters="\r\n"), max_size=12
)
LINE_ENDS = st.sampled_from(["\n", "\r", "\r\n"])


def end_line(text: str, draw: st.DrawFn) -> str:
    """``text`` plus a random line end; never LF right after CR, which would make one CRLF."""
    end = draw(LINE_ENDS)
    return text + ("\r" if text.endswith("\r") and end.startswith("\n") else end)


@st.composite
def sse_streams(draw: st.DrawFn) -> tuple[bytes, list[Event]]:
    """A stream and its events, worked out from how it was built, not by parsing it."""
    text = "\ufeff" if draw(st.booleans()) else ""
    expected = []
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["event", "comment", "empty"]))
        if kind == "comment":
            text = end_line(text + ":" + draw(FIELD_TEXT), draw)
            continue
        if kind == "empty":  # an id-only block: dispatches nothing
            text = end_line(end_line(text + "id: " + draw(FIELD_TEXT), draw), draw)
            continue
        event_type = draw(st.sampled_from(["", "delta", "done"]))
        data_lines = draw(st.lists(FIELD_TEXT, min_size=1, max_size=3))
        if event_type:
            text = end_line(text + "event:" + event_type, draw)
        for line in data_lines:
            text = end_line(text + "data: " + line, draw)
        text = end_line(text, draw)
        expected.append(E(event=event_type or "message", data="\n".join(data_lines)))
    return text.encode(), expected


def cuts_of(data: bytes, draw: st.DrawFn) -> list[bytes]:
    cuts = sorted(set(draw(st.lists(st.integers(0, len(data)), max_size=20))))
    bounds = [0, *cuts, len(data)]
    return [data[a:b] for a, b in itertools.pairwise(bounds)]


@settings(max_examples=300, deadline=None)
@given(stream=sse_streams(), data=st.data())
def test_sse_any_split_gives_the_events_the_stream_was_built_from(
    stream: tuple[bytes, list[Event]], data: st.DataObject
) -> None:
    body, expected = stream
    assert sse(body)[0] == expected
    assert sse(*cuts_of(body, data.draw))[0] == expected
    assert sse(*one_byte_at_a_time(body))[0] == expected


@settings(max_examples=200, deadline=None)
@given(
    items=st.lists(FIELD_TEXT.filter(lambda s: s.strip() != ""), max_size=8),
    ends=st.lists(LINE_ENDS, min_size=8, max_size=8),
    data=st.data(),
)
def test_ndjson_any_split_gives_the_lines(
    items: list[str], ends: list[str], data: st.DataObject
) -> None:
    body = "".join(item + end for item, end in zip(items, ends, strict=False)).encode()
    # Blank lines are skipped, so a CR then LF read as one CRLF changes nothing here.
    assert lines(*cuts_of(body, data.draw)) == items


@settings(max_examples=200, deadline=None)
@given(text=st.text(st.characters(blacklist_categories=["Cs"])), data=st.data())
def test_text_any_split_gives_the_text(text: str, data: st.DataObject) -> None:
    decoder = TextDecoder()
    body = text.encode()
    pieces = [decoder.feed(piece) for piece in cuts_of(body, data.draw)] + [decoder.close()]
    assert "".join(pieces) == text.removeprefix("\ufeff")


# ---------------------------------------------------------------- JSON array


def elements(*pieces: bytes, max_size: int = 1 << 20) -> tuple[list[object], bool]:
    """The elements of a JSON array body fed in ``pieces``, parsed, and whether it closed."""
    decoder = JSONArrayDecoder(max_size)
    texts = [text for piece in pieces for text in decoder.feed(piece)] + decoder.close()
    return [json.loads(text) for text in texts], decoder.complete


GEMINI_BODY = (
    b'[{"candidates": [{"content": {"parts": [{"text": "He"}]}}]}\n'
    b',\r\n{"candidates": [{"content": {"parts": [{"text": "llo"}]}}]}\n]'
)


def test_elements_as_gemini_sends_them() -> None:
    expected = json.loads(GEMINI_BODY)
    assert elements(GEMINI_BODY) == (expected, True)
    assert elements(*one_byte_at_a_time(GEMINI_BODY)) == (expected, True)


def test_brackets_braces_and_quotes_inside_strings_are_text() -> None:
    body = rb'[{"a": "]}[{,\"\\"}, ["x]", {"b": "}"}], "s,]", 1.5e3, -2, true, false, null]'
    assert elements(body) == (json.loads(body), True)
    assert elements(*one_byte_at_a_time(body)) == (json.loads(body), True)


def test_an_empty_array_and_a_bom() -> None:
    assert elements(b"\xef\xbb\xbf  [ ]\n") == ([], True)
    assert elements(b"\xef\xbb", b"\xbf[]") == ([], True)


def test_a_body_cut_before_the_closing_bracket_is_not_complete() -> None:
    assert elements(GEMINI_BODY[:-2]) == (json.loads(GEMINI_BODY + b"")[0:2], False)
    assert elements(GEMINI_BODY[:30]) == ([], False)


@pytest.mark.parametrize(
    "body, reason",
    [
        (b'{"a": 1}', "the body is not a JSON array"),
        (b'[{"a": 1} {"b": 2}]', "expected ',' or ']' after an element"),
        (b"[1,,2]", "expected an element"),
        (b"[1,]", "expected an element"),
        (b"[1] x", "text after the end of the array"),
    ],
)
def test_a_body_that_is_not_one_array_says_where(body: bytes, reason: str) -> None:
    with pytest.raises(JSONArrayError) as caught:
        elements(body)
    assert caught.value.reason == reason


def test_an_endless_element_is_refused_before_it_ends() -> None:
    decoder = JSONArrayDecoder(max_size=1000)
    decoder.feed(b'[{"a": "')
    with pytest.raises(OversizeError):
        for _ in range(100):
            decoder.feed(b"x" * 100)


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(st.characters(blacklist_categories=["Cs"])),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=8,
)
BLANKS = st.sampled_from(["", " ", "\n", "\r\n", "\t "])


@settings(max_examples=300, deadline=None)
@given(values=st.lists(JSON_VALUES, max_size=5), data=st.data())
def test_json_array_any_split_gives_the_elements(values: list[object], data: st.DataObject) -> None:
    pieces = [
        data.draw(BLANKS) + json.dumps(value, ensure_ascii=data.draw(st.booleans()))
        for value in values
    ]
    body = ("[" + ",".join(piece + data.draw(BLANKS) for piece in pieces) + "]").encode()
    if data.draw(st.booleans()):
        body = b"\xef\xbb\xbf" + body
    assert elements(*cuts_of(body, data.draw)) == (values, True)


def test_a_cut_off_number_at_the_end_is_no_element() -> None:
    assert elements(b'[{"t": "a"}, 123') == ([{"t": "a"}], False)
    assert elements(b'[{"t": "a"}, tru') == ([{"t": "a"}], False)


def test_an_absurd_retry_field_is_ignored() -> None:
    events, _ = sse(b"retry: " + b"9" * 5000 + b"\ndata: a\n\n")
    assert events == [E(data="a")]


def test_a_named_error_field_dispatches_its_block() -> None:
    decoder = SSEDecoder(error_field="error")
    events = feed(decoder, b'data: a\n\nerror: {"message": "m"}\n\n')
    assert events == [E(data="a"), E(data="", error='{"message": "m"}')]
    assert sse(b"error: x\n\n") == ([], False)  # unnamed, the standard ignores it
