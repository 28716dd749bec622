"""Time to first delta the OpenAI-compatible gateway adds: ``python -m bench.gateway``.

    .venv/bin/python -m bench.gateway [--requests 300] [--events 20]

Starts the bench server (OpenAI chunks written one event at a time, as a model's server sends
them) and ``python -m generated serve`` pointed at it, each a process of its own. Then, in
turns, it times requests made straight through the generated ``OpenaiChat`` provider and
requests made through the gateway as an OpenAI client makes them (``stream: true``, one
keep-alive connection): from sending the request to the first text delta, and to the end of
the stream. Every stream must carry exactly its events. Prints the medians, the 90th
percentiles and what the gateway adds.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import queue
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import IO

import aiohttp

from bench._runner import ROOT, BenchError, server
from bench._server import MODES, stream_url
from generated import Message
from generated.openai_chat import OpenaiChat

__all__ = ["main"]

_MESSAGES: list[Message] = [{"role": "user", "content": "hi"}]
_KEY = {"OPENAI_API_KEY": "bench-key"}
"""A dummy key for OpenaiChat, here and in the gateway: nothing is sent beyond 127.0.0.1."""
_WARM_UP = 20
"""Requests of each kind before timing: imports, connection pools, the provider's module."""
_START_SECONDS = 30.0
_ANNOUNCED = re.compile(rb"at (http://127\.0\.0\.1:\d+)/v1 ")

Timing = tuple[float, float]
"""Seconds to the first text delta, and to the end of the stream."""


@contextmanager
def _gateway(upstream: str, options: Sequence[str] = ()) -> Iterator[str]:
    """``python -m generated serve OPTIONS`` with OpenaiChat pointed at ``upstream``: its base
    URL."""
    command = [sys.executable, "-m", "generated", "serve", "--port", "0", *options]
    with _announcing([*command, "--base-url", f"OpenaiChat={upstream}"]) as (_, line):
        found = _ANNOUNCED.search(line)
        if found is None:
            raise BenchError(f"the gateway did not start: {line.decode(errors='replace')}")
        yield found[1].decode()


@contextmanager
def _announcing(
    command: Sequence[str], wait: float = _START_SECONDS
) -> Iterator[tuple[subprocess.Popen[bytes], bytes]]:
    """``command`` as a process of its own: yields it and the first line of its stderr (empty
    when no whole line came within ``wait`` seconds). A thread reads the rest as it comes, so
    that no full pipe ever freezes the process; on the way out the process gets Ctrl-C's
    SIGINT, and is killed if it has not ended ``wait`` seconds later."""
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env={**os.environ, **_KEY},
        stderr=subprocess.PIPE,
        start_new_session=True,  # Ctrl-C stops the bench, which stops it
    )
    assert process.stderr is not None  # a pipe: Popen was given stderr=PIPE
    first: queue.Queue[bytes] = queue.Queue()
    drain = threading.Thread(target=_drain, args=(process.stderr, first), daemon=True)
    drain.start()
    try:
        try:
            line = first.get(timeout=wait)
        except queue.Empty:  # a partial line, or none: the thread may wait on it for ever
            line = b""
        yield process, line
    finally:
        _stop(process, wait)
        drain.join(wait)  # the rest of what it wrote, up to the end of the pipe
        process.stderr.close()


def _drain(stream: IO[bytes], first: queue.Queue[bytes]) -> None:
    """Reads ``stream`` to its end: its first line into ``first``, the others to our stderr."""
    first.put(stream.readline())
    for line in stream:
        sys.stderr.buffer.write(line)
        sys.stderr.flush()


def _stop(process: subprocess.Popen[bytes], wait: float) -> None:
    """Ends ``process`` as Ctrl-C would, or kills it when it has not ended within ``wait``."""
    try:
        process.send_signal(signal.SIGINT)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(wait)
    finally:
        if process.poll() is None:  # it outlived the wait, or the bench was interrupted
            process.kill()
            process.wait()


async def _direct(session: aiohttp.ClientSession, upstream: str, events: int) -> Timing:
    start = time.perf_counter()
    stream = OpenaiChat.create_async_generator(
        "gpt-4o-mini", _MESSAGES, base_url=upstream, session=session
    )
    first, count = 0.0, 0
    async for _ in stream:
        count += 1
        if count == 1:
            first = time.perf_counter() - start
    _check("direct", count, events)
    return first, time.perf_counter() - start


async def _through(session: aiohttp.ClientSession, gateway: str, events: int) -> Timing:
    body = {"model": "OpenaiChat/gpt-4o-mini", "messages": _MESSAGES, "stream": True}
    start = time.perf_counter()
    first, count = 0.0, 0
    async with session.post(f"{gateway}/v1/chat/completions", json=body) as response:
        async for line in response.content:
            if not line.startswith(b"data: {"):
                continue
            choices = json.loads(line[6:])["choices"]
            if choices and choices[0]["delta"].get("content"):
                count += 1
                if count == 1:
                    first = time.perf_counter() - start
    _check("through the gateway", count, events)
    return first, time.perf_counter() - start


def _check(client: str, count: int, events: int) -> None:
    if count != events:
        raise BenchError(f"{client} read {count} deltas, not {events}")


async def _measure(upstream: str, gateway: str, requests: int, events: int) -> list[list[Timing]]:
    """``requests`` timings of each client, taken in turns after a warm-up."""
    async with aiohttp.ClientSession() as direct, aiohttp.ClientSession() as through:
        clients: list[Callable[[], Awaitable[Timing]]] = [
            lambda: _direct(direct, upstream, events),
            lambda: _through(through, gateway, events),
        ]
        timings: list[list[Timing]] = [[], []]
        for turn in range(_WARM_UP + requests):
            for client, kept in zip(clients, timings, strict=True):
                timing = await client()
                if turn >= _WARM_UP:
                    kept.append(timing)
        return timings


def _ms(values: list[float]) -> tuple[float, float]:
    """The median and the 90th percentile, in milliseconds."""
    return statistics.median(values) * 1000, statistics.quantiles(values, n=10)[-1] * 1000


def _report(timings: list[list[Timing]], requests: int, events: int) -> str:
    lines = [
        f"Gateway overhead: {requests} requests of each kind, in turns, {events} OpenAI "
        "events a stream written one by one",
        f"  {'client':24}{'first delta: median':>22}{'p90':>10}{'whole stream: median':>24}"
        f"{'p90':>10}",
    ]
    medians = []
    for name, kept in zip(("direct (OpenaiChat)", "through the gateway"), timings, strict=True):
        first, whole = _ms([t[0] for t in kept]), _ms([t[1] for t in kept])
        medians.append((first[0], whole[0]))
        lines.append(
            f"  {name:24}{first[0]:19.2f} ms{first[1]:7.2f} ms{whole[0]:21.2f} ms{whole[1]:7.2f} ms"
        )
    added_first = medians[1][0] - medians[0][0]
    added_whole = medians[1][1] - medians[0][1]
    lines.append(
        f"  {'added by the gateway':24}{added_first:+19.2f} ms{'':10}{added_whole:+21.2f} ms"
    )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.gateway", description=__doc__)
    parser.add_argument("--requests", type=int, default=300, help="timed requests of each kind")
    parser.add_argument("--events", type=int, default=20, help="text deltas a stream (20)")
    parser.add_argument(
        "--mode",
        choices=MODES,
        default="per-event",
        help="how the bench server writes a stream: an event a write (the default), or in "
        "large slices, a burst",
    )
    parser.add_argument(
        "--access-log",
        choices=("plain", "json", "off"),
        default="plain",
        help="the gateway's access log (plain, serve's default)",
    )
    parser.add_argument(
        "--metrics", action="store_true", help="the gateway keeps metrics (prometheus-client)"
    )
    arguments = parser.parse_args()
    options = ["--access-log", arguments.access_log, *(["--metrics"] if arguments.metrics else [])]
    os.environ.update(_KEY)
    try:
        with server([("openai", arguments.events)]) as address:
            upstream = stream_url(address, "openai", arguments.mode, arguments.events)
            with _gateway(upstream, options) as gateway:
                timings = asyncio.run(
                    _measure(upstream, gateway, arguments.requests, arguments.events)
                )
    except BenchError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(_report(timings, arguments.requests, arguments.events))
    return 0


if __name__ == "__main__":
    sys.exit(main())
