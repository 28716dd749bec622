"""The stream a provider returns: text by ``async for``, every event by ``events()``, and the
events a read at a time by ``event_batches()``."""

from __future__ import annotations

from collections.abc import AsyncGenerator

from generator.runtime._events import (
    Finish,
    ReasoningDelta,
    StreamEvent,
    TextDelta,
    ToolCallDelta,
    Usage,
)
from generator.runtime._stream import StreamItem, TextStream

ITEMS: list[StreamItem] = [
    Usage(input_tokens=12),
    ReasoningDelta("Think."),
    "Hel",
    ToolCallDelta({"index": 0, "function": {"name": "f"}}),
    "lo",
    Usage(output_tokens=2),
    Finish("stop"),
]


async def items() -> AsyncGenerator[list[StreamItem], None]:
    """ITEMS in batches, as the reads of a body bring them."""
    for start, end in ((0, 2), (2, 5), (5, len(ITEMS))):
        yield ITEMS[start:end]


async def test_iterating_the_stream_gives_the_text_alone() -> None:
    stream = TextStream(items())
    assert [text async for text in stream] == ["Hel", "lo"]
    assert stream.finish_reason == "stop"
    assert stream.usage == Usage(input_tokens=12, output_tokens=2)
    assert stream.usage.total_tokens == 14


async def test_events_gives_every_event_in_arrival_order() -> None:
    stream = TextStream(items())
    events: list[StreamEvent] = [event async for event in stream.events()]
    assert events == [
        Usage(input_tokens=12),
        ReasoningDelta("Think."),
        TextDelta("Hel"),
        ToolCallDelta({"index": 0, "function": {"name": "f"}}),
        TextDelta("lo"),
        Usage(output_tokens=2),
        Finish("stop"),
    ]
    assert stream.finish_reason == "stop"
    assert stream.usage == Usage(12, 2)


async def test_event_batches_give_each_read_events_together() -> None:
    stream = TextStream(items())
    batches = [batch async for batch in stream.event_batches()]
    assert batches == [
        [Usage(input_tokens=12), ReasoningDelta("Think.")],
        [TextDelta("Hel"), ToolCallDelta({"index": 0, "function": {"name": "f"}}), TextDelta("lo")],
        [Usage(output_tokens=2), Finish("stop")],
    ]
    assert stream.finish_reason == "stop"
    assert stream.usage == Usage(12, 2)


async def test_event_batches_go_on_from_where_the_text_was_left() -> None:
    stream = TextStream(items())
    assert await stream.__anext__() == "Hel"  # the middle of the second read
    batches = [batch async for batch in stream.event_batches()]
    assert batches == [
        [ToolCallDelta({"index": 0, "function": {"name": "f"}}), TextDelta("lo")],
        [Usage(output_tokens=2), Finish("stop")],
    ]


async def test_event_batches_are_never_empty() -> None:
    async def reads() -> AsyncGenerator[list[StreamItem], None]:
        yield []
        yield ["a"]
        yield []

    assert [batch async for batch in TextStream(reads()).event_batches()] == [[TextDelta("a")]]


async def test_before_the_server_says_so_there_is_no_finish_or_usage() -> None:
    stream = TextStream(items())
    assert await stream.__anext__() == "Hel"
    assert stream.finish_reason is None
    assert stream.usage == Usage(input_tokens=12)
    assert await stream.text() == "lo"


def test_usage_updates_keep_what_a_later_report_leaves_out() -> None:
    assert Usage(1, 2).updated(Usage(output_tokens=5)) == Usage(1, 5)
    assert Usage(output_tokens=5).total_tokens is None


async def test_aclose_ends_the_stream_in_the_middle_of_a_read() -> None:
    stream = TextStream(items())
    assert await stream.__anext__() == "Hel"  # the rest of its read is waiting
    await stream.aclose()
    assert [text async for text in stream] == []
