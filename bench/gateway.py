"""Time to first delta the OpenAI-compatible gateway adds: ``python -m bench.gateway``.

    .venv/bin/python -m bench.gateway [--requests 300] [--events 20]

Starts the bench server (OpenAI chunks written one event at a time, as a model's server sends
them) and ``python -m generated serve`` pointed at it, each a process of its own. Then, in
turns, it times requests made straight through the generated ``OpenaiChat`` provider and
requests made through the gateway as an OpenAI client makes them (``stream: true``, one
keep-alive connection): from sending the request to the first text delta, and to the end of
the stream. Every stream must carry exactly its events. Prints the medians, the 90th
percentiles and what the gateway adds; then what the gateway process spent (Linux's /proc):
its CPU a request and an event (a second gateway streams 1,000-event answers: the difference
a stream makes is the events'), and its memory.
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
from dataclasses import dataclass
from pathlib import Path
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
_LONG_EVENTS = 1000
_LONG_REQUESTS = 100
"""Streams of LONG_EVENTS events, LONG_REQUESTS of them, give the gateway's CPU an event."""
_START_SECONDS = 30.0
_ANNOUNCED = re.compile(rb"at (http://127\.0\.0\.1:\d+)/v1 ")

Timing = tuple[float, float]
"""Seconds to the first text delta, and to the end of the stream."""


@dataclass(frozen=True)
class _Gateway:
    """A gateway process: its base URL and its process id."""

    url: str
    pid: int


@contextmanager
def _gateway(upstream: str, options: Sequence[str] = ()) -> Iterator[_Gateway]:
    """``python -m generated serve OPTIONS`` with OpenaiChat pointed at ``upstream``."""
    command = [sys.executable, "-m", "generated", "serve", "--port", "0", *options]
    with _announcing([*command, "--base-url", f"OpenaiChat={upstream}"]) as (process, line):
        found = _ANNOUNCED.search(line)
        if found is None:
            raise BenchError(f"the gateway did not start: {line.decode(errors='replace')}")
        yield _Gateway(found[1].decode(), process.pid)


def _cpu_seconds(pid: int) -> float:
    """The CPU time process ``pid`` has taken so far, user and system (Linux's /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _memory_mb(pid: int) -> tuple[float, float]:
    """Process ``pid``'s resident memory now and at its peak, in MB (Linux's /proc)."""
    status = Path(f"/proc/{pid}/status").read_text()
    kilobytes = dict(re.findall(r"^(VmRSS|VmHWM):\s+(\d+) kB", status, re.MULTILINE))
    return int(kilobytes["VmRSS"]) / 1000, int(kilobytes["VmHWM"]) / 1000


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


async def _measure(
    upstream: str, gateway: _Gateway, requests: int, events: int
) -> tuple[list[list[Timing]], float]:
    """``requests`` timings of each client, taken in turns after a warm-up, and the gateway's
    CPU seconds over its timed requests."""
    async with aiohttp.ClientSession() as direct, aiohttp.ClientSession() as through:
        clients: list[Callable[[], Awaitable[Timing]]] = [
            lambda: _direct(direct, upstream, events),
            lambda: _through(through, gateway.url, events),
        ]
        timings: list[list[Timing]] = [[], []]
        for turn in range(_WARM_UP + requests):
            if turn == _WARM_UP:
                cpu_before = _cpu_seconds(gateway.pid)
            for client, kept in zip(clients, timings, strict=True):
                timing = await client()
                if turn >= _WARM_UP:
                    kept.append(timing)
        return timings, _cpu_seconds(gateway.pid) - cpu_before


async def _cpu_of_long_streams(gateway: _Gateway) -> float:
    """The gateway's CPU seconds for each of LONG_REQUESTS streams of LONG_EVENTS events,
    after a warm-up."""
    async with aiohttp.ClientSession() as session:
        for _ in range(_WARM_UP):
            await _through(session, gateway.url, _LONG_EVENTS)
        before = _cpu_seconds(gateway.pid)
        for _ in range(_LONG_REQUESTS):
            await _through(session, gateway.url, _LONG_EVENTS)
        return (_cpu_seconds(gateway.pid) - before) / _LONG_REQUESTS


def _ms(values: list[float]) -> tuple[float, float]:
    """The median and the 90th percentile, in milliseconds."""
    return statistics.median(values) * 1000, statistics.quantiles(values, n=10)[-1] * 1000


def _report(timings: list[list[Timing]], requests: int, events: int, mode: str) -> str:
    written = "written one by one" if mode == "per-event" else "written at once, a burst"
    lines = [
        f"Gateway overhead: {requests} requests of each kind, in turns, {events} OpenAI "
        f"events a stream {written}",
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


def _cost_report(cost: _Cost, events: int) -> str:
    """The gateway process's CPU a request and an event, and its memory."""
    per_event = (cost.cpu_long - cost.cpu_short) / (_LONG_EVENTS - events)
    per_request = cost.cpu_short - events * per_event
    return "\n".join(
        [
            f"Gateway process ({cost.options}):",
            f"  CPU a request   {per_request * 1000:6.2f} ms   (of {cost.cpu_short * 1000:.2f} ms "
            f"for a {events}-event stream)",
            f"  CPU an event    {per_event * 1e6:6.2f} µs   (from {_LONG_REQUESTS} streams of "
            f"{_LONG_EVENTS:,} events: {cost.cpu_long * 1000:.2f} ms each)",
            f"  memory          {cost.rss_mb:6.1f} MB   resident after the run, "
            f"{cost.peak_mb:.1f} MB at its peak",
        ]
    )


@dataclass(frozen=True)
class _Cost:
    """What the gateway process spent: CPU seconds a stream, short and long, and memory."""

    options: str
    cpu_short: float
    cpu_long: float
    rss_mb: float
    peak_mb: float


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
    events, mode = arguments.events, arguments.mode
    os.environ.update(_KEY)
    try:
        with server([("openai", events), ("openai", _LONG_EVENTS)]) as address:
            upstream = stream_url(address, "openai", mode, events)
            with _gateway(upstream, options) as gateway:
                timings, cpu = asyncio.run(_measure(upstream, gateway, arguments.requests, events))
                rss, peak = _memory_mb(gateway.pid)
            long_upstream = stream_url(address, "openai", mode, _LONG_EVENTS)
            with _gateway(long_upstream, options) as gateway:
                cpu_long = asyncio.run(_cpu_of_long_streams(gateway))
    except BenchError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    shown = f"access log {arguments.access_log}, metrics {'on' if arguments.metrics else 'off'}"
    cost = _Cost(shown, cpu / arguments.requests, cpu_long, rss, peak)
    print(_report(timings, arguments.requests, events, mode))
    print(_cost_report(cost, events))
    return 0


if __name__ == "__main__":
    sys.exit(main())
