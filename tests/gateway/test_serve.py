"""The gateway as its users start it: ``python -m generated serve`` and gunicorn's aiohttp
worker with several processes, each a process of its own, streaming a recording upstream."""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import signal
import sys
from collections.abc import AsyncIterator

import aiohttp
import pytest

from replay import ReplayServer

from .conftest import (
    HELLO,
    HELLO_TEXT,
    ROOT,
    STARTUP_SECONDS,
    USER,
    chunks,
    gateway_process,
    streamed_text,
)

KEY_ENV = "STREAMGEN_TEST_GATEWAY_KEY"
KEY = "serve-test-key"
GUNICORN = shutil.which("gunicorn", path=os.path.dirname(sys.executable))


@pytest.fixture
async def upstream(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[str]:
    """CodeLinkAva's base URL on a replay server; the gateway's key is set in the environment."""
    monkeypatch.setenv(KEY_ENV, KEY)
    async with ReplayServer() as server:
        yield server.base_url(server.add(HELLO))


async def streamed(url: str, clients: int = 1) -> list[str]:
    """The texts ``clients`` streaming requests read at once, with the key."""
    body = {"model": "CodeLinkAva/gpt-3.5-turbo", "messages": USER, "stream": True}
    headers = {"Authorization": f"Bearer {KEY}"}

    async def one(session: aiohttp.ClientSession) -> str:
        async with session.post(f"{url}/v1/chat/completions", json=body, headers=headers) as r:
            assert r.status == 200, await r.text()
            return streamed_text(chunks(await r.read()))

    async with aiohttp.ClientSession() as session:
        return list(await asyncio.gather(*(one(session) for _ in range(clients))))


async def test_serve_streams_with_a_key_and_stops_on_ctrl_c(upstream: str) -> None:
    argv = ("--api-key-env", KEY_ENV, "--base-url", f"codelink_ava={upstream}")
    async with gateway_process(*argv) as (_, url), aiohttp.ClientSession() as session:
        async with session.get(f"{url}/healthz") as response:
            assert response.status == 200
        async with session.get(f"{url}/v1/models") as response:
            assert response.status == 401
        assert await streamed(url, 3) == [HELLO_TEXT] * 3


async def test_serve_stops_on_sigterm(upstream: str) -> None:
    async with gateway_process("--base-url", f"CodeLinkAva={upstream}") as (process, _):
        process.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(process.wait(), STARTUP_SECONDS) == 0


async def lines_until(stream: asyncio.StreamReader, pattern: str, count: int) -> list[str]:
    """Lines of ``stream`` read until ``count`` of them match ``pattern``: the matches."""
    found: list[str] = []
    while len(found) < count:
        line = (await asyncio.wait_for(stream.readline(), STARTUP_SECONDS)).decode()
        assert line, f"the output ended before {count} lines matching {pattern!r}"
        if re.search(pattern, line):
            found.append(line)
    return found


@pytest.mark.skipif(GUNICORN is None, reason="gunicorn is not installed (pip install -e '.[test]')")
async def test_gunicorn_workers_serve_it_and_any_worker_serves_any_request(upstream: str) -> None:
    assert GUNICORN is not None
    app = (
        "generated._runtime._gateway:gunicorn_app("
        f"'generated', base_urls={{'CodeLinkAva': {upstream!r}}}, api_key_env={KEY_ENV!r})"
    )
    process = await asyncio.create_subprocess_exec(
        GUNICORN, app, "--worker-class", "aiohttp.GunicornWebWorker", "--workers", "2",
        "--bind", "127.0.0.1:0", "--graceful-timeout", "5",
        cwd=ROOT,
        stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    assert process.stderr is not None
    try:
        [listening] = await lines_until(process.stderr, r"Listening at: ", 1)
        url = re.search(r"(http://127\.0\.0\.1:\d+)", listening)
        assert url is not None, listening
        booted = await lines_until(process.stderr, r"Booting worker with pid: \d+", 2)
        workers = [int(line.rsplit(" ", 1)[1]) for line in booted]
        assert await streamed(url[1], 40) == [HELLO_TEXT] * 40
        # Stateless: with one worker stopped, the other serves every request as well.
        os.kill(workers[0], signal.SIGTERM)
        await lines_until(process.stderr, rf"Worker exiting \(pid: {workers[0]}\)", 1)
        assert await streamed(url[1], 10) == [HELLO_TEXT] * 10
        process.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(process.wait(), STARTUP_SECONDS) == 0
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
