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
from contextlib import asynccontextmanager
from pathlib import Path

import aiohttp
import pytest

from replay import ReplayServer

from ..upstreams import DELTA_TEXT, stalling_upstream
from .conftest import (
    HELLO,
    HELLO_TEXT,
    STARTUP_SECONDS,
    USER,
    Output,
    chunks,
    gateway_process,
    running,
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


@asynccontextmanager
async def gunicorn(upstream: str, *options: str) -> AsyncIterator[tuple[str, Output]]:
    """The gateway under gunicorn with two workers and OPTIONS: its URL and gunicorn's output,
    once both workers have booted; SIGTERM on the way out, which must end it with status 0."""
    assert GUNICORN is not None
    app = (
        "generated._runtime._gateway:gunicorn_app("
        f"'generated', base_urls={{'CodeLinkAva': {upstream!r}, 'OpenaiChat': {upstream!r}}}, "
        f"api_key_env={KEY_ENV!r})"
    )
    command = (
        GUNICORN, app, "--worker-class", "generated._runtime._gateway.GatewayWorker",
        "--workers", "2", "--bind", "127.0.0.1:0", "--graceful-timeout", "5", *options,
    )  # fmt: skip
    async with running(*command, stop=signal.SIGTERM) as (_, output):
        [listening] = await output.expect(r"Listening at: ")
        url = re.search(r"(http://127\.0\.0\.1:\d+)", listening)
        assert url is not None, listening
        await output.expect(r"Booting worker with pid: \d+", 2)
        yield url[1], output


needs_gunicorn = pytest.mark.skipif(
    GUNICORN is None, reason="gunicorn is not installed (pip install -e '.[test]')"
)


@needs_gunicorn
async def test_gunicorn_workers_serve_it_and_any_worker_serves_any_request(
    upstream: str, tmp_path: Path
) -> None:
    access_log = tmp_path / "access.log"
    async with gunicorn(upstream, "--access-logfile", str(access_log)) as (url, output):
        assert await streamed(url, 40) == [HELLO_TEXT] * 40
        # Stateless: with one worker stopped, the other serves every request as well.
        workers = [int(line.rsplit(" ", 1)[1]) for line in output.lines if "Booting" in line]
        os.kill(workers[0], signal.SIGTERM)
        await output.expect(rf"Worker exiting \(pid: {workers[0]}\)")
        assert await streamed(url, 10) == [HELLO_TEXT] * 10
    # The workers' runner is made from gunicorn's settings: its access log has every request.
    assert access_log.read_text().count('"POST /v1/chat/completions HTTP/1.1" 200') == 50


@needs_gunicorn
async def test_under_gunicorn_a_client_going_away_closes_the_upstream_call(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(KEY_ENV, KEY)
    body = {"model": "OpenaiChat", "messages": USER, "stream": True}
    headers = {"Authorization": f"Bearer {KEY}"}
    async with stalling_upstream() as (stalling, base), gunicorn(base) as (url, _):
        async with aiohttp.ClientSession() as session:
            response = await session.post(f"{url}/v1/chat/completions", json=body, headers=headers)
            assert await response.content.readuntil(b"\n\n")  # the role chunk
            assert DELTA_TEXT.encode() in await response.content.readuntil(b"\n\n")
            response.close()
        await asyncio.wait_for(stalling.closed.wait(), 1.0)


async def test_the_output_of_a_process_is_drained_past_what_a_pipe_holds() -> None:
    # A megabyte of stderr after the first line: a pipe holds 64 KiB, so the process could
    # end only if its output is read as it comes.
    script = (
        "import sys; print('ready', file=sys.stderr, flush=True);"
        "sys.stderr.write(('logged error' * 100 + '\\n') * 1000)"
    )
    async with running(sys.executable, "-c", script) as (process, output):
        await output.expect("ready")
        assert await asyncio.wait_for(process.wait(), STARTUP_SECONDS) == 0
    assert len(output.lines) == 1001
