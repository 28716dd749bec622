"""AWS's event stream: botocore's published vectors (``tests/data/aws/eventstream_vectors.json``),
messages split across reads and several to a read, and the framing reading Bedrock's events."""

from __future__ import annotations

import base64
import itertools
import json
import struct
import zlib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.runtime._events import Finish, Usage
from generator.runtime._eventstream import (
    EventStreamDecoder,
    EventStreamFraming,
    FrameError,
    HeaderValue,
)
from generator.runtime._exceptions import (
    EventTooLargeError,
    IncompleteStreamError,
    MalformedEventError,
    ServerReportedError,
)
from generator.runtime._framings import Origin
from generator.runtime._stream import StreamItem

from .compiled import compiled_rules as rules

VECTORS = json.loads(
    (Path(__file__).parents[1] / "data" / "aws" / "eventstream_vectors.json").read_text("utf-8")
)
POSITIVE = {case["name"]: case for case in VECTORS["positive"]}
NEGATIVE = {case["name"]: case for case in VECTORS["negative"]}
ORIGIN = Origin("Bedrock", "POST https://bedrock-runtime.us-east-1.amazonaws.com/x")


def expected_headers(case: dict[str, Any]) -> dict[str, HeaderValue]:
    """The vector's headers as the decoder gives them: bytes and UUIDs as bytes."""
    return {
        name: bytes.fromhex(header["value"])
        if header["type"] in ("bytes", "uuid")
        else header["value"]
        for name, header in case["headers"].items()
    }


def encoded(case: dict[str, Any]) -> bytes:
    if case["encoded_hex"] is not None:
        return bytes.fromhex(case["encoded_hex"])
    parts = case["encoded_parts"]  # 24 MiB: its prelude is what is refused
    return bytes.fromhex(parts["prefix_hex"])


@pytest.mark.parametrize("name", sorted(POSITIVE))
def test_each_published_message_decodes_to_its_headers_and_payload(name: str) -> None:
    case = POSITIVE[name]
    [message] = EventStreamDecoder(1 << 20).feed(encoded(case))
    assert message.headers == expected_headers(case)
    assert message.payload == bytes.fromhex(case["payload_hex"])


@pytest.mark.parametrize("name", sorted(POSITIVE))
def test_each_published_message_decodes_a_byte_at_a_time(name: str) -> None:
    case = POSITIVE[name]
    decoder = EventStreamDecoder(1 << 20)
    messages = [message for byte in encoded(case) for message in decoder.feed(bytes([byte]))]
    assert [message.payload for message in messages] == [bytes.fromhex(case["payload_hex"])]
    assert decoder.pending == 0


# What each of botocore's exceptions is here.
REFUSED_AS = {
    "ChecksumMismatch": "checksum does not match",
    "DuplicateHeader": "given twice",
    "InvalidHeadersLength": "over AWS's 128 KiB",
    "InvalidPayloadLength": "a payload of",
}


@pytest.mark.parametrize("name", sorted(NEGATIVE))
def test_each_published_bad_message_is_refused(name: str) -> None:
    case = NEGATIVE[name]
    decoder = EventStreamDecoder(1 << 20)
    assert decoder.feed(encoded(case)) == []
    assert isinstance(decoder.failure, FrameError)
    assert REFUSED_AS[case["error"]] in str(decoder.failure)
    assert decoder.failure.too_large == (case["error"] == "InvalidPayloadLength")


def test_the_vectors_are_whole() -> None:
    assert len(POSITIVE) == 11 and len(NEGATIVE) == 7
    assert {case["error"] for case in NEGATIVE.values()} == REFUSED_AS.keys()


# Messages of our own, as Bedrock sends them


def message(headers: dict[str, str], payload: bytes) -> bytes:
    """One event-stream message with string headers."""
    encoded_headers = b"".join(
        bytes([len(name)])
        + name.encode()
        + b"\x07"
        + struct.pack(">H", len(value))
        + value.encode()
        for name, value in headers.items()
    )
    total = 12 + len(encoded_headers) + len(payload) + 4
    prelude = struct.pack(">II", total, len(encoded_headers))
    prelude += struct.pack(">I", zlib.crc32(prelude))
    body = prelude + encoded_headers + payload
    return body + struct.pack(">I", zlib.crc32(body))


def event(kind: str, document: object) -> bytes:
    headers = {":event-type": kind, ":content-type": "application/json", ":message-type": "event"}
    return message(headers, json.dumps(document).encode())


CONVERSE = [
    event("messageStart", {"role": "assistant"}),
    event("contentBlockDelta", {"contentBlockIndex": 0, "delta": {"text": "Hel"}}),
    event("contentBlockDelta", {"contentBlockIndex": 0, "delta": {"text": "lo"}}),
    event("contentBlockStop", {"contentBlockIndex": 0}),
    event("messageStop", {"stopReason": "end_turn"}),
    event("metadata", {"usage": {"inputTokens": 9, "outputTokens": 2, "totalTokens": 11}}),
]
CONVERSE_FRAMING = EventStreamFraming(
    rules=rules(
        {
            "delta": "$.delta.text",
            "finish_reason": "$.stopReason",
            "usage": {
                "input_tokens": "$.usage.inputTokens",
                "output_tokens": "$.usage.outputTokens",
            },
        }
    )
)


def read(framing: EventStreamFraming, reads: list[bytes]) -> list[StreamItem]:
    reader = framing.reader(ORIGIN)
    items: list[StreamItem] = []
    for chunk in reads:
        if reader.feed(chunk, items):
            return items
    reader.end(items)
    return items


EXPECTED = ["Hel", "lo", Finish("end_turn"), Usage(input_tokens=9, output_tokens=2)]


def test_converse_stream_events_are_read_by_the_rules() -> None:
    assert read(CONVERSE_FRAMING, [b"".join(CONVERSE)]) == EXPECTED


@given(st.lists(st.integers(min_value=0, max_value=sum(map(len, CONVERSE))), max_size=12))
def test_messages_split_anywhere_read_the_same(cuts: list[int]) -> None:
    body = b"".join(CONVERSE)
    points = [0, *sorted(cuts), len(body)]
    reads = [body[start:end] for start, end in itertools.pairwise(points)]
    assert read(CONVERSE_FRAMING, reads) == EXPECTED


def test_a_base64_wrapped_document_is_unwrapped() -> None:
    # Bedrock's invoke-with-response-stream: Anthropic's events, base64 in a `bytes` member.
    def chunk(document: object) -> bytes:
        wrapped = base64.b64encode(json.dumps(document).encode()).decode()
        return event("chunk", {"bytes": wrapped})

    framing = EventStreamFraming(
        rules=rules(
            {"delta": "$.delta.text", "stop": {"path": "$.type", "equals": "message_stop"}}
        ),
        base64_member="bytes",
    )
    body = [
        chunk({"type": "message_start", "message": {}}),
        chunk({"type": "content_block_delta", "delta": {"type": "text_delta", "text": "Hi"}}),
        chunk({"type": "message_stop"}),
    ]
    assert read(framing, body) == ["Hi"]
    with pytest.raises(IncompleteStreamError, match="before its stop"):
        read(framing, body[:2])
    with pytest.raises(MalformedEventError, match="no base64 document in 'bytes'"):
        read(framing, [event("chunk", {"bytes": "not base64!"})])


def test_an_exception_message_is_the_servers_error_with_its_type() -> None:
    throttled = message(
        {":exception-type": "throttlingException", ":message-type": "exception"},
        b'{"message":"Too many requests, please wait before trying again."}',
    )
    with pytest.raises(ServerReportedError) as raised:
        read(CONVERSE_FRAMING, [CONVERSE[1], throttled])
    assert raised.value.server_type == "throttlingException"
    assert raised.value.server_message == "Too many requests, please wait before trying again."
    assert "throttlingException: Too many requests" in str(raised.value)


def test_an_error_message_gives_its_code_and_message_in_headers() -> None:
    failed = message(
        {":error-code": "InternalFailure", ":error-message": "boom", ":message-type": "error"}, b""
    )
    with pytest.raises(ServerReportedError, match="InternalFailure: boom"):
        read(CONVERSE_FRAMING, [failed])


def test_the_messages_before_a_bad_one_in_the_same_read_are_read() -> None:
    corrupted = bytearray(CONVERSE[2])
    corrupted[-5] ^= 1
    reader = CONVERSE_FRAMING.reader(ORIGIN)
    items: list[StreamItem] = []
    with pytest.raises(MalformedEventError, match="message's checksum does not match"):
        reader.feed(CONVERSE[1] + bytes(corrupted), items)
    assert items == ["Hel"]


def test_a_secret_an_event_echoes_is_not_quoted() -> None:
    origin = Origin("Bedrock", "POST /x", lambda text: text.replace("SESSION-TOKEN", "<TOKEN>"))
    framing = EventStreamFraming(rules=CONVERSE_FRAMING.rules, base64_member="bytes")
    reader = framing.reader(origin)
    with pytest.raises(MalformedEventError) as raised:
        reader.feed(event("chunk", {"echo": "SESSION-TOKEN"}), [])
    assert "SESSION-TOKEN" not in str(raised.value) and "<TOKEN>" in str(raised.value)


@pytest.mark.parametrize("wrapped", ["é", 12, None, "not base64!"])
def test_a_wrapper_that_holds_no_base64_is_a_malformed_event(wrapped: object) -> None:
    framing = EventStreamFraming(rules=CONVERSE_FRAMING.rules, base64_member="bytes")
    with pytest.raises(MalformedEventError, match="no base64 document in 'bytes'"):
        read(framing, [event("chunk", {"bytes": wrapped})])


def test_a_bad_checksum_is_a_malformed_event() -> None:
    corrupted = bytearray(CONVERSE[1])
    corrupted[-5] ^= 1  # a byte of the payload
    with pytest.raises(MalformedEventError, match="message's checksum does not match"):
        read(CONVERSE_FRAMING, [bytes(corrupted)])


def test_a_payload_over_the_limit_is_refused_from_its_prelude() -> None:
    small = EventStreamFraming(rules=CONVERSE_FRAMING.rules, max_event_size=10)
    with pytest.raises(EventTooLargeError):
        read(small, [CONVERSE[1][:12]])


def test_a_body_cut_in_a_message_is_incomplete() -> None:
    with pytest.raises(IncompleteStreamError, match="middle of a message"):
        read(CONVERSE_FRAMING, [CONVERSE[1], CONVERSE[2][:20]])


def test_deltas_only_from_the_events_named() -> None:
    framing = EventStreamFraming(
        rules=rules({"delta": "$.delta.text"}), delta_events=frozenset({"contentBlockDelta"})
    )
    other = event("contentBlockStart", {"delta": {"text": "not a delta"}})
    assert read(framing, [other, *CONVERSE[1:3]]) == ["Hel", "lo"]
