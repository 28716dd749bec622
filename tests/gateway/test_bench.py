"""How ``python -m bench.gateway`` runs its gateway process: read, drained and always ended,
whatever the process does."""

from __future__ import annotations

import os
import sys
import time

import pytest

from bench import gateway as bench_gateway

WAIT = 0.5
"""Seconds the bench waits here for a line or an end that never comes: the tests' one wait."""


def python(script: str) -> list[str]:
    return [sys.executable, "-c", script]


def test_a_partial_first_line_does_not_block_and_the_process_is_killed() -> None:
    stalls = "import sys, time; sys.stderr.write('serving at'); sys.stderr.flush(); time.sleep(60)"
    with bench_gateway._announcing(python(stalls), WAIT) as (process, line):
        assert line == b""
    assert process.returncode is not None


def test_a_process_that_ignores_ctrl_c_is_killed() -> None:
    stubborn = (
        "import signal, sys, time; signal.signal(signal.SIGINT, signal.SIG_IGN);"
        "print('ready', file=sys.stderr, flush=True); time.sleep(60)"
    )
    with bench_gateway._announcing(python(stubborn), WAIT) as (process, line):
        assert line == b"ready\n"
    assert process.returncode == -9


def test_what_the_process_writes_after_its_first_line_is_drained() -> None:
    # A megabyte after the first line, where a pipe holds 64 KiB: the process ends only if the
    # rest is read as it comes.
    logs = (
        "import sys; print('ready', file=sys.stderr, flush=True);"
        "sys.stderr.write(('logged error' * 100 + '\\n') * 1000)"
    )
    with bench_gateway._announcing(python(logs), WAIT) as (process, line):
        assert line == b"ready\n"
        assert process.wait(10.0) == 0
    # What it logged went on to the bench's own stderr, which pytest captured.


def test_the_gateway_is_announced() -> None:
    with bench_gateway._gateway("http://127.0.0.1:9") as gateway:
        assert gateway.url.startswith("http://127.0.0.1:")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads Linux's /proc")
def test_the_gateway_memory_is_read() -> None:
    with bench_gateway._gateway("http://127.0.0.1:9") as gateway:
        rss, peak = bench_gateway._memory_mb(gateway.pid)
    assert 10 < rss <= peak < 1000  # a Python process with aiohttp, in MB


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads Linux's /proc")
def test_a_process_cpu_time_is_read_as_it_grows() -> None:
    before = bench_gateway._cpu_seconds(os.getpid())
    deadline = time.process_time() + 0.05
    while time.process_time() < deadline:  # 50 ms of CPU
        pass
    spent = bench_gateway._cpu_seconds(os.getpid()) - before
    assert 0.03 <= spent <= 0.5  # clock ticks of 10 ms, and whatever else the process did
