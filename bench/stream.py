"""Throughput and memory of the stream path: bytes in, text deltas out, no network.

    .venv/bin/python -m bench.stream [EVENTS]

Feeds EVENTS (default 1,000,000) OpenAI-style SSE chunks through the generated OpenaiChat
provider's framing (decoder, JSON, compiled JSONPath lookup), 64 KiB per read, generated lazily
so the benchmark itself holds no body in memory. Reports events per second and the peak of
traced memory at 10% of the run and at the end: flat memory means the two are the same. For
comparison it times the same events through the loop a hand-written gpt4free provider runs, and
through a jsonpath-ng lookup instead of the compiled one.
"""

from __future__ import annotations

import json
import sys
import time
import tracemalloc
from collections.abc import Iterator
from dataclasses import replace

from generated._runtime._fallback import fallback_nodes
from generated._runtime._framings import DocumentRules, Framing, Origin, SSEFraming
from generated._runtime._stream import StreamItem
from generated.openai_chat import _ENDPOINT

READ_SIZE = 64 * 1024
ORIGIN = Origin("bench", "POST http://bench")
EVENT = (
    "data: "
    + json.dumps(
        {
            "id": "chatcmpl-bench",
            "object": "chat.completion.chunk",
            "created": 1731600000,
            "model": "gpt-4o-mini",
            "choices": [{"index": 0, "delta": {"content": "token"}, "finish_reason": None}],
        },
        separators=(",", ":"),
    )
    + "\n\n"
).encode()


def body(events: int) -> Iterator[bytes]:
    per_read = READ_SIZE // len(EVENT)
    block = EVENT * per_read
    sent = 0
    while sent + per_read <= events:
        yield block
        sent += per_read
    yield EVENT * (events - sent) + b"data: [DONE]\n\n"


def deltas(framing: Framing, events: int) -> Iterator[StreamItem]:
    """What the framing makes of a body of ``events`` events, read as the endpoint reads it."""
    reader = framing.reader(ORIGIN)
    for chunk in body(events):
        items: list[StreamItem] = []
        complete = reader.feed(chunk, items)
        yield from items
        if complete:
            return
    items = []
    reader.end(items)
    yield from items


def timed(framing: Framing, events: int) -> float:
    """Seconds to stream ``events`` events."""
    started = time.perf_counter()
    count = 0
    for _ in deltas(framing, events):
        count += 1
    assert count == events, count
    return time.perf_counter() - started


def hand_written(events: int) -> float:
    """Seconds for the loop a gpt4free provider has by hand (no UTF-8 or CR handling, no checks)."""
    started = time.perf_counter()
    count = 0
    buffer = b""
    for chunk in body(events):
        *lines, buffer = (buffer + chunk).split(b"\n")
        for line in lines:
            if line.startswith(b"data: [DONE]"):
                break
            if line.startswith(b"data: "):
                content = json.loads(line[6:])["choices"][0]["delta"].get("content")
                if content:
                    count += 1
    assert count == events, count
    return time.perf_counter() - started


def traced(framing: Framing, events: int) -> tuple[int, int]:
    """Peak traced memory after a tenth of the events and at the end (tracing is slow)."""
    tracemalloc.start()
    early = 0
    for count, _ in enumerate(deltas(framing, events), start=1):
        if count == events // 10:
            early = tracemalloc.get_traced_memory()[1]
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return early, peak


_select_content = fallback_nodes("$.choices[0].delta.content")


def _fallback_walk(document: object, items: list[StreamItem]) -> tuple[object, bool]:
    """The text at the delta's path, found by jsonpath-ng instead of the compiled walk."""
    for value in _select_content(document):
        if type(value) is str and value:
            items.append(value)
    return None, False


def main() -> None:
    events = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    compiled = _ENDPOINT.framing
    assert isinstance(compiled, SSEFraming) and isinstance(compiled.rules, DocumentRules)
    elapsed = timed(compiled, events)
    print(f"compiled lookup: {events:,} events in {elapsed:.2f} s, {events / elapsed:,.0f}/s")
    elapsed = hand_written(events)
    print(f"hand-written loop: {events:,} events in {elapsed:.2f} s, {events / elapsed:,.0f}/s")
    early, peak = traced(compiled, events)
    print(f"traced memory: peak {early / 1024:.0f} KiB at 10%, {peak / 1024:.0f} KiB at the end")
    fallback = replace(compiled, rules=DocumentRules(walk=_fallback_walk))
    sample = min(events, 100_000)
    elapsed = timed(fallback, sample)
    print(f"jsonpath-ng lookup: {sample:,} events in {elapsed:.2f} s, {sample / elapsed:,.0f}/s")


if __name__ == "__main__":
    main()
