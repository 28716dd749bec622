"""Where a delta's CPU time goes: each stage of the hot path timed alone, per event.

    .venv/bin/python -m bench.profile [EVENTS]

Streams EVENTS (default 200,000) OpenAI chunks, 64 KiB a read as ``bench.stream`` makes them,
through the generated OpenaiChat (version 2) and CodeLinkAva (version 1), stage by stage, with
no network: splitting reads into blocks, taking each block apart, decoding its JSON, reading
the document (OpenaiChat decodes into its shape and walks it; CodeLinkAva, a version 1 spec,
decodes any JSON and runs its selectors), and handing deltas out of a ``TextStream``. Each stage is the best of several
runs of CPU time, divided by the events. What the transport adds is the difference between
these and a real stream's CPU time in ``python -m bench``. A deterministic profiler would
charge each function call several times its real cost; timing stages alone does not.
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import AsyncGenerator, Callable, Sequence

import msgspec

from bench.stream import ORIGIN, body
from generated._runtime._framings import Framing, SSEFraming
from generated._runtime._framings.json_rules import decode_json
from generated._runtime._framings.lines import Splitter
from generated._runtime._framings.sse import SSEDecoder
from generated._runtime._stream import StreamItem, TextStream
from generated.codelink_ava import _ENDPOINT as CODELINK_AVA
from generated.openai_chat import _ENDPOINT as OPENAI_CHAT
from generated.openai_chat import _Document, _read_shape

_RUNS = 9


def _per_event(stages: Sequence[tuple[str, Callable[[], object]]], events: int) -> dict[str, float]:
    """Microseconds of CPU time per event of each stage: the best of its runs, the stages
    taking turns so that a slow spell of the machine falls on all of them alike.
    """
    best = {name: float("inf") for name, _ in stages}
    for _ in range(_RUNS):
        for name, stage in stages:
            started = time.process_time()
            stage()
            best[name] = min(best[name], time.process_time() - started)
    return {name: seconds / events * 1e6 for name, seconds in best.items()}


def _read_all(framing: Framing, reads: list[bytes]) -> None:
    reader = framing.reader(ORIGIN)
    for chunk in reads:
        reader.feed(chunk, [])


def _hand_out(batches: list[list[StreamItem]]) -> None:
    async def produce() -> AsyncGenerator[list[StreamItem], None]:
        for batch in batches:
            yield batch

    async def consume() -> None:
        async for _ in TextStream(produce()):
            pass

    asyncio.run(consume())


def main() -> None:
    events = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    reads = list(body(events))
    decoder = SSEDecoder()
    blocks = [block for chunk in reads for block in decoder.blocks(chunk)][:-1]  # not [DONE]
    datas = [event[1] for event in map(decoder.event, blocks) if event is not None]
    documents = [decode_json(data, ORIGIN) for data in datas]
    batches: list[list[StreamItem]] = []
    for chunk in reads:
        batches.append([])
        OPENAI_CHAT.framing.reader(ORIGIN).feed(chunk, batches[-1])

    def split() -> None:
        splitter = Splitter(b"\n\n")
        for chunk in reads:
            splitter.feed(chunk)

    def decode() -> None:
        for data in datas:
            decode_json(data, ORIGIN)

    shape = msgspec.json.Decoder(_Document).decode
    shaped = [shape(data) for data in datas]

    def decode_shape() -> None:
        for data in datas:
            shape(data)

    def walk_shape() -> None:
        items: list[StreamItem] = []
        for document in shaped:
            _read_shape(document, items)

    def select() -> None:
        framing = CODELINK_AVA.framing
        assert isinstance(framing, SSEFraming)
        rules = framing.rules
        items: list[StreamItem] = []
        for document in documents:
            rules.read(document, items, ORIGIN)

    stages = [
        ("split reads into blocks (bytes.split)", split),
        ("OpenaiChat: decode into its shape (msgspec)", decode_shape),
        ("OpenaiChat: walk the shape", walk_shape),
        ("OpenaiChat: the reader, all of it", lambda: _read_all(OPENAI_CHAT.framing, reads)),
        ("CodeLinkAva: decode any JSON (msgspec)", decode),
        ("CodeLinkAva: its two selectors", select),
        ("CodeLinkAva: the reader, all of it", lambda: _read_all(CODELINK_AVA.framing, reads)),
        ("hand deltas out of a TextStream", lambda: _hand_out(batches)),
    ]
    print(f"CPU time per event, {events:,} OpenAI chunks, best of {_RUNS} runs:")
    for name, micros in _per_event(stages, events).items():
        print(f"  {name:<44} {micros:6.2f} µs")


if __name__ == "__main__":
    main()
