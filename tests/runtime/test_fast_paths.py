"""The fast paths change no result: readers against the reference, msgspec against json.loads.

The readers split whole reads on bytes and take plain ``data:`` events apart on the spot; the
reference (``reference.py``) decodes text and runs the line state machine field by field. For
bodies built to hit every rule (line ends, BOM, comments, fields, multi-line data, invalid
UTF-8, JSON that only the standard library reads, size limits) and split anywhere, both must
give the same items and the same error, message included.
"""

from __future__ import annotations

import itertools
import json
import math
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.runtime._exceptions import MalformedEventError, ProviderError
from generator.runtime._framings import NDJSONFraming, Origin, SSEFraming
from generator.runtime._framings.json_rules import decode_json, parse_json
from generator.runtime._framings.lines import decoded

from ..reading import read_body
from .compiled import compiled_rules
from .reference import read_ndjson, read_sse

ORIGIN = Origin("Test", "POST http://test/api")

RULES = compiled_rules(
    {
        "delta": "$.t",
        "reasoning": "$.r[*]",
        "usage": {"input_tokens": "$.u.in", "output_tokens": "$.u.out"},
        "finish_reason": "$.f",
        "error": {"message": "$.error.message"},
        "stop": {"path": "$.done"},
    }
)

# ---------------------------------------------------------------- JSON documents

BIG_NUMBERS = st.sampled_from(
    [
        "18446744073709551616",
        "-9223372036854775809",
        "123456789012345678901234567890",
        "1e400",
        "-1e400",
        "1e-400",
        "4.9e-324",
        "1.7976931348623157e308",
        "0.1",
        "-0",
        "-0.0",
        "1E2",
        "1.0",
        "9" * 5000,
        "NaN",
        "-Infinity",
        "01",
        "1.",
    ]
)
STRING_BODIES = st.sampled_from(
    [
        r"\ud800",
        r"\udc00x",
        r"\ud83d\ude00",
        r"\u0000",
        r"\n\t\"\\\/",
        "é日😀",
        "\x01",
        "\x7f",
        r"\x",
        "\u2028",
    ]
)


@st.composite
def json_texts(draw: st.DrawFn) -> str:
    """JSON, mostly valid, with the values where parsers differ."""
    text_value = draw(
        st.one_of(
            st.text(max_size=6).map(json.dumps),
            STRING_BODIES.map(lambda body: f'"{body}"'),
            BIG_NUMBERS,
            st.sampled_from(["null", "true", "1", '""', "[]", '{"a": 1}', "[" * 1200]),
        )
    )
    members = [f'"t": {text_value}']
    if draw(st.booleans()):
        members.append(f'"r": ["{draw(STRING_BODIES)}", {draw(BIG_NUMBERS)}]')
    if draw(st.booleans()):
        members.append(f'"u": {{"in": {draw(BIG_NUMBERS)}, "out": 3}}')
    if draw(st.booleans()):
        members.append(draw(st.sampled_from(['"f": "stop"', '"done": true', '"t": "again"'])))
    if draw(st.booleans()):
        members.append('"error": {"message": "quota"}')
    if draw(st.integers(0, 20)) == 0:  # a member no path reads, too long for int()
        members.append('"x": ' + "7" * 4400)
    draw(st.randoms()).shuffle(members)
    text = "{" + ", ".join(members) + "}"
    return draw(st.sampled_from(["", " ", "\ufeff"])) + text + draw(st.sampled_from(["", " ", "x"]))


def same(left: object, right: object) -> bool:
    """Equal values of equal types all the way down (1 is not 1.0 is not True; NaN is NaN)."""
    if type(left) is not type(right):
        return False
    if isinstance(left, float):
        return left == right or (math.isnan(left) and math.isnan(right))
    if isinstance(left, list):
        return len(left) == len(right) and all(map(same, left, right))  # type: ignore[arg-type]
    if isinstance(left, dict):
        return list(left) == list(right) and all(same(v, right[k]) for k, v in left.items())  # type: ignore[index]
    return left == right


def outcome(parse: Any, data: Any) -> tuple[str, object]:
    try:
        return "value", parse(data, ORIGIN)
    except MalformedEventError as error:
        return "error", str(error)


@settings(max_examples=500, deadline=None)
@given(text=json_texts(), invalid=st.sampled_from([b"", b"\xff", b"\xc3", b"\xed\xa0\x80"]))
@example(text='{"t": 18446744073709551616}', invalid=b"")
@example(text='{"t": "\\ud800"}', invalid=b"")
def test_msgspec_gives_what_json_loads_gives(text: str, invalid: bytes) -> None:
    data = text.encode("utf-8", "surrogatepass")
    cut = len(data) // 2
    data = data[:cut] + invalid + data[cut:]
    fast, exact = outcome(decode_json, data), outcome(parse_json, decoded(data))
    assert fast[0] == exact[0]
    assert same(fast[1], exact[1]), (fast, exact)


# ---------------------------------------------------------------- whole bodies

ENDS = st.sampled_from([b"\n", b"\r", b"\r\n"])


@st.composite
def sse_bodies(draw: st.DrawFn) -> bytes:
    """Blocks of fields and comments, any line ends, sometimes a BOM or bytes that are not UTF-8."""
    body = b"\xef\xbb\xbf" if draw(st.booleans()) else b""
    for _ in range(draw(st.integers(0, 8))):
        lines = []
        if draw(st.integers(0, 3)) == 0:
            lines.append(
                draw(st.sampled_from([b"event: stop", b"event: err", b"event:", b"event: x"]))
            )
        for _ in range(draw(st.integers(0, 2))):
            lines.append(
                draw(
                    st.sampled_from(
                        [b": ping", b"id: 7", b"retry: 10", b"error: boom", b"data", b"foo: bar"]
                    )
                )
            )
        for _ in range(draw(st.integers(1, 2))):
            data = draw(st.one_of(json_texts(), st.sampled_from(["[DONE]", "", "not json"])))
            space = draw(st.sampled_from([b"data: ", b"data:", b"data:  "]))
            lines.append(space + data.encode("utf-8", "surrogatepass"))
        draw(st.randoms()).shuffle(lines)
        for line in lines:
            if draw(st.integers(0, 10)) == 0:
                line += draw(st.sampled_from([b"\xff", b"\xe2\x82", b"\xc3"]))
            body += line + draw(ENDS)
        body += draw(ENDS) * draw(st.integers(0, 2))
    return body


@st.composite
def ndjson_bodies(draw: st.DrawFn) -> bytes:
    body = b"\xef\xbb\xbf" if draw(st.booleans()) else b""
    for _ in range(draw(st.integers(0, 8))):
        line = draw(
            st.one_of(
                json_texts().map(lambda text: text.encode("utf-8", "surrogatepass")),
                st.sampled_from([b"", b"  ", b"\x1c", "\u2003".encode(), b"\xff", b"nope"]),
            )
        )
        body += line + draw(ENDS)
    return body + draw(st.sampled_from([b"", b'{"t": "tail"}', b"\xe2\x82"]))


def pieces_of(body: bytes, draw: st.DrawFn) -> list[bytes]:
    if draw(st.integers(0, 5)) == 0:
        return [body[i : i + 1] for i in range(len(body))]
    cuts = sorted(set(draw(st.lists(st.integers(0, len(body)), max_size=12))))
    return [body[a:b] for a, b in itertools.pairwise([0, *cuts, len(body)])]


def described(result: tuple[list[Any], Any]) -> tuple[list[Any], str | None]:
    items, error = result
    return items, None if error is None else f"{type(error).__name__}: {error}"


LIMITS = st.sampled_from([1 << 20, 64, 200])


@settings(max_examples=500, deadline=None)
@given(body=sse_bodies(), data=st.data(), limit=LIMITS)
def test_sse_reader_gives_what_the_line_state_machine_gives(
    body: bytes, data: st.DataObject, limit: int
) -> None:
    framing = SSEFraming(
        rules=RULES,
        stop_data="[DONE]",
        stop_events=frozenset({"stop"}),
        error_events=frozenset({"err"}),
        error_field="error" if data.draw(st.booleans()) else None,
        delta_events=data.draw(st.sampled_from([None, frozenset({"message"}), frozenset({"x"})])),
        max_event_size=limit,
    )
    pieces = pieces_of(body, data.draw)
    expected = described(read_sse(framing, pieces, ORIGIN))
    assert described(read_body(framing, pieces, ORIGIN, ProviderError)) == expected


@settings(max_examples=500, deadline=None)
@given(body=ndjson_bodies(), data=st.data(), limit=LIMITS)
def test_ndjson_reader_gives_what_the_line_splitter_gives(
    body: bytes, data: st.DataObject, limit: int
) -> None:
    framing = NDJSONFraming(rules=RULES, max_event_size=limit)
    pieces = pieces_of(body, data.draw)
    expected = described(read_ndjson(framing, pieces, ORIGIN))
    assert described(read_body(framing, pieces, ORIGIN, ProviderError)) == expected


def test_an_integer_too_long_for_the_standard_library_is_an_error_where_no_path_reads_it() -> None:
    data = b'{"t": "a", "x": ' + b"7" * 5000 + b"}"
    fast = described(read_body(NDJSONFraming(rules=RULES), [data + b"\n"], ORIGIN, ProviderError))
    assert fast == described(read_ndjson(NDJSONFraming(rules=RULES), [data + b"\n"], ORIGIN))
    assert fast[1] is not None and fast[1].startswith("MalformedEventError")
