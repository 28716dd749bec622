"""Where a delta's CPU time goes: each stage of the hot path timed alone, per event.

    .venv/bin/python -m bench.profile [EVENTS]

Streams EVENTS (default 200,000) OpenAI chunks, 64 KiB a read as ``bench.stream`` makes them,
through the generated OpenaiChat and CodeLinkAva, stage by stage, with no network: splitting
reads into blocks, decoding each document into the provider's shape and walking it (and, for
reference, decoding it whole), the whole reader, and handing deltas out of a ``TextStream``.
Each stage is the best of several
runs of CPU time, divided by the events. What the transport adds is the difference between
these and a real stream's CPU time in ``python -m bench``. A deterministic profiler would
charge each function call several times its real cost; timing stages alone does not.
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import AsyncGenerator, Callable, Sequence
from types import ModuleType

import msgspec

from bench.stream import ORIGIN, body
from generated import codelink_ava, openai_chat
from generated._runtime._framings import Framing, SSEFraming
from generated._runtime._framings.json_rules import decode_json
from generated._runtime._framings.lines import Splitter
from generated._runtime._framings.sse import SSEDecoder
from generated._runtime._stream import StreamItem, TextStream

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


def _shape_stages(
    name: str, module: ModuleType, datas: list[bytes]
) -> list[tuple[str, Callable[[], object]]]:
    """A provider's stages: decoding each document into its shape, walking the shapes."""
    shape = msgspec.json.Decoder(module._Document).decode
    shaped = [shape(data) for data in datas]

    def decode_shape() -> None:
        for data in datas:
            shape(data)

    def walk_shape() -> None:
        items: list[StreamItem] = []
        for document in shaped:
            module._read_shape(document, items)

    return [
        (f"{name}: decode into its shape (msgspec)", decode_shape),
        (f"{name}: walk the shape", walk_shape),
    ]


def main() -> None:
    events = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    reads = list(body(events))
    decoder = SSEDecoder()
    blocks = [block for chunk in reads for block in decoder.blocks(chunk)][:-1]  # not [DONE]
    datas = [event[1] for event in map(decoder.event, blocks) if event is not None]
    openai_framing: Framing = openai_chat._ENDPOINT.framing
    codelink_framing: Framing = codelink_ava._ENDPOINT.framing
    assert isinstance(openai_framing, SSEFraming) and isinstance(codelink_framing, SSEFraming)
    batches: list[list[StreamItem]] = []
    for chunk in reads:
        batches.append([])
        openai_framing.reader(ORIGIN).feed(chunk, batches[-1])

    def split() -> None:
        splitter = Splitter(b"\n\n")
        for chunk in reads:
            splitter.feed(chunk)

    def decode() -> None:
        for data in datas:
            decode_json(data, ORIGIN)

    stages = [
        ("split reads into blocks (bytes.split)", split),
        ("decode any JSON whole (msgspec, for reference)", decode),
        *_shape_stages("OpenaiChat", openai_chat, datas),
        ("OpenaiChat: the reader, all of it", lambda: _read_all(openai_framing, reads)),
        *_shape_stages("CodeLinkAva", codelink_ava, datas),
        ("CodeLinkAva: the reader, all of it", lambda: _read_all(codelink_framing, reads)),
        ("hand deltas out of a TextStream", lambda: _hand_out(batches)),
    ]
    print(f"CPU time per event, {events:,} OpenAI chunks, best of {_RUNS} runs:")
    for name, micros in _per_event(stages, events).items():
        print(f"  {name:<48} {micros:6.2f} µs")


if __name__ == "__main__":
    main()
