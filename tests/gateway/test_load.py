"""500 concurrent streaming clients through one gateway process, each reading the exact text;
its file descriptors and memory come back to their starting level afterwards.

The gateway runs as ``python -m generated serve``, a process of its own, whose
``/proc/<pid>/fd`` and RSS are read between rounds. Memory's starting level is the one a first
round at full concurrency leaves (Python keeps the memory it has used, to use it again): the
rounds after it must not grow it. Each round's streams overlap: the upstream sends each at its
recorded pace, a quarter of a second, and the gateway holds all 500 at once.
"""

from __future__ import annotations

import asyncio
import os
import resource
import time
from collections.abc import Iterator

import aiohttp
import pytest

from replay import Fault, ReplayServer

from .conftest import HELLO, HELLO_TEXT, USER, chunks, gateway_process, streamed_text

CLIENTS = 500
ROUNDS = 3
FILES_NEEDED = 4 * CLIENTS + 256
"""This process holds each client's socket and the upstream's; the gateway, two per client."""

RSS_GROWTH_ALLOWED = 4 << 20
"""Bytes the rounds after the first may add to the gateway's RSS: allocator noise, no leak."""

SETTLE_SECONDS = 10.0


@pytest.fixture(autouse=True)
def enough_files() -> Iterator[None]:
    """This process's file limit (the gateway inherits it) raised to what the test needs."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < FILES_NEEDED:
        pytest.skip(f"needs {FILES_NEEDED} open files; the hard limit is {hard}")
    if soft == resource.RLIM_INFINITY or soft >= FILES_NEEDED:
        yield
        return
    resource.setrlimit(resource.RLIMIT_NOFILE, (FILES_NEEDED, hard))
    yield
    resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def open_files(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/fd"))


def rss(pid: int) -> int:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        kib = next(line.split()[1] for line in status if line.startswith("VmRSS:"))
    return int(kib) * 1024


async def stream_once(session: aiohttp.ClientSession, url: str) -> str:
    body = {"model": "CodeLinkAva", "messages": USER, "stream": True}
    async with session.post(f"{url}/v1/chat/completions", json=body) as response:
        assert response.status == 200
        return streamed_text(chunks(await response.read()))


async def load_round(url: str, pid: int) -> int:
    """Streams ``CLIENTS`` answers at once, checks each text; the most files the gateway held."""
    peak = 0

    async def watch() -> None:
        nonlocal peak
        while True:
            peak = max(peak, open_files(pid))
            await asyncio.sleep(0.02)

    watcher = asyncio.create_task(watch())
    try:
        connector = aiohttp.TCPConnector(limit=0)
        async with aiohttp.ClientSession(connector=connector) as session:
            texts = await asyncio.gather(*(stream_once(session, url) for _ in range(CLIENTS)))
    finally:
        watcher.cancel()
    assert texts == [HELLO_TEXT] * CLIENTS
    return peak


async def steady_files(pid: int) -> int:
    """The gateway's open files once the count holds still for a tenth of a second."""
    count = -1
    while count != (count := open_files(pid)):
        await asyncio.sleep(0.1)
    return count


async def settled_files(pid: int, level: int) -> int:
    """The gateway's open files once they are back at ``level``, or after SETTLE_SECONDS."""
    deadline = time.monotonic() + SETTLE_SECONDS
    while open_files(pid) > level and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    return open_files(pid)


async def test_500_concurrent_streams_then_files_and_memory_back_where_they_were() -> None:
    # The upstream ends each connection after its answer ("Connection: close"): the gateway's
    # pool would otherwise keep 500 idle connections for aiohttp's keep-alive of 15 s, not a
    # leak, but longer than this test should wait to tell.
    fault = Fault(headers={"Connection": "close"})
    async with ReplayServer(pace=True) as upstream:
        route = upstream.add(HELLO, fault=fault)
        async with gateway_process("--base-url", f"CodeLinkAva={upstream.base_url(route)}") as (
            process,
            url,
        ):
            async with aiohttp.ClientSession() as session:  # imports the provider, opens the pool
                assert await stream_once(session, url) == HELLO_TEXT
            files = await steady_files(process.pid)
            peaks = [await load_round(url, process.pid)]
            memory = rss(process.pid)
            for _ in range(ROUNDS - 1):
                peaks.append(await load_round(url, process.pid))
            # The streams overlapped: most clients and their upstream calls were open at once.
            assert max(peaks) >= files + 1.5 * CLIENTS, peaks
            assert await settled_files(process.pid, files) == files
            assert rss(process.pid) - memory <= RSS_GROWTH_ALLOWED
    assert upstream.hits(route) == 1 + ROUNDS * CLIENTS
