"""A burst (a long answer a server sends at once, read 64 KiB at a time): until its first
delta has come, a read is fed to the framing a slice at a time, so that the first delta is
passed on once it is decoded, not once its whole read is; then reads are fed whole."""

from __future__ import annotations

import json

import aiohttp
import pytest
from aiohttp import web

from generated._runtime._constants import FIRST_READ_SLICE
from generated._runtime._framings import SSEFraming
from generated._runtime._framings.base import Origin, Reader
from generated._runtime._stream import StreamItem
from generated.openai_chat import OpenaiChat

EVENTS = 2000


class Measured:
    """A reader that keeps the size of each piece it is fed."""

    def __init__(self, reader: Reader, sizes: list[int]) -> None:
        self._reader = reader
        self._sizes = sizes

    def feed(self, chunk: bytes, items: list[StreamItem]) -> bool:
        self._sizes.append(len(chunk))
        return self._reader.feed(chunk, items)

    def end(self, items: list[StreamItem]) -> None:
        self._reader.end(items)


async def test_a_bursts_first_delta_is_decoded_apart_from_the_rest_of_its_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "test-key-for-bursts")
    sizes: list[int] = []
    reader = SSEFraming.reader

    def measured(framing: SSEFraming, origin: Origin) -> Reader:
        return Measured(reader(framing, origin), sizes)

    monkeypatch.setattr(SSEFraming, "reader", measured)
    events = [{"choices": [{"index": 0, "delta": {"content": f"w{n} "}}]} for n in range(EVENTS)]
    burst = "".join(f"data: {json.dumps(event)}\n\n" for event in events) + "data: [DONE]\n\n"

    async def handler(request: web.BaseRequest) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        await response.write(burst.encode())  # one write: the whole answer at once
        return response

    runner = web.ServerRunner(web.Server(handler))
    await runner.setup()
    try:
        await web.TCPSite(runner, "127.0.0.1", 0).start()
        url = f"http://127.0.0.1:{runner.addresses[0][1]}"
        async with aiohttp.ClientSession() as session:
            stream = OpenaiChat.create_async_generator(
                "gpt-4o-mini", [{"role": "user", "content": "Hi"}], base_url=url, session=session
            )
            text = "".join([delta async for delta in stream])
    finally:
        await runner.cleanup()
    assert text == "".join(f"w{n} " for n in range(EVENTS))
    assert sizes[0] <= FIRST_READ_SLICE  # the first delta came out of the first slice
    assert max(sizes) > FIRST_READ_SLICE  # then reads are fed whole
    assert sum(sizes) == len(burst.encode())
