"""What the gateway tests share: a gateway over the generated package, upstream recordings,
and a reader of the server-sent events it answers with."""

from __future__ import annotations

import asyncio
import json
import re
import signal
import sys
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

import generated
from generated._runtime._config import Retries
from generated._runtime._gateway_app import build_app
from generated._runtime._gateway_runner import GatewayRunner
from generated._runtime._steps import StepCache
from replay import Recording, ReplayServer

from ..conftest import ROOT, forget_step_caches, instant_retries, recording

HOST = "127.0.0.1"
STARTUP_SECONDS = 30.0
"""How long a gateway process may take to start or to stop: far more than it needs."""
SECRETS = {
    name: f"test-{name.lower()}-value"
    for info in generated._REGISTRY.infos
    for name in info.secrets
}
"""A value for every environment variable a provider reads: its key."""

HELLO = recording("codelink_ava", "hello")
HELLO_TEXT = "Hello! How can I help you today?"
USER = [{"role": "user", "content": "Hello!"}]


@pytest.fixture(autouse=True)
def fresh_step_caches() -> None:
    forget_step_caches("generated", StepCache)


@pytest.fixture(autouse=True)
def no_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    instant_retries(monkeypatch, Retries)


@pytest.fixture(autouse=True)
def provider_keys(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Every provider's key set, as an operator's environment would hold them."""
    for name, value in SECRETS.items():
        monkeypatch.setenv(name, value)
    return SECRETS


@asynccontextmanager
async def serving(
    base_urls: Mapping[str, Any] | None = None,
    api_key: str | None = None,
    *,
    insecure: bool = False,
    routes: Mapping[str, list[str]] | None = None,
    balanced: frozenset[str] | set[str] = frozenset(),
    metrics: bool = False,
    handler_cancellation: bool = True,
) -> AsyncIterator[str]:
    """The gateway on a free port of 127.0.0.1, as ``serve`` runs it (unless told to cancel no
    handler, as aiohttp's own gunicorn worker does); yields its base URL."""
    app = build_app(
        generated._REGISTRY,
        base_urls=base_urls,
        api_key=api_key,
        insecure=insecure,
        routes=routes,
        balanced=balanced,
        metrics=metrics,
    )
    runner: web.AppRunner = (
        GatewayRunner(app)
        if handler_cancellation
        else web.AppRunner(app, handler_cancellation=False)
    )
    await runner.setup()
    try:
        site = web.TCPSite(runner, HOST, 0)
        await site.start()
        yield f"http://{HOST}:{runner.addresses[0][1]}"
    finally:
        await runner.cleanup()


@asynccontextmanager
async def upstream_serving(
    handler: Callable[[web.BaseRequest], Awaitable[web.StreamResponse]],
) -> AsyncIterator[str]:
    """``handler`` as an upstream server on a free port of 127.0.0.1; yields its base URL."""
    runner = web.ServerRunner(web.Server(handler))
    await runner.setup()
    try:
        await web.TCPSite(runner, HOST, 0).start()
        yield f"http://{HOST}:{runner.addresses[0][1]}"
    finally:
        await runner.cleanup()


SDK_RECORDINGS = [
    recording("codelink_ava", "hello"),
    recording("codelink_ava", "non_ascii"),
    recording("openai_chat", "haiku"),
    recording("anthropic_messages", "bonjour"),
    recording("ollama_chat", "why_sky"),
]
"""What the official SDKs read through the gateway: recordings of five providers."""


def recording_id(recorded: Recording) -> str:
    return f"{recorded.path.parent.name}/{recorded.name}"


@asynccontextmanager
async def serving_recording(recorded: Recording, api_key: str) -> AsyncIterator[str]:
    """The gateway (with ``api_key``), its upstream serving ``recorded``: its URL."""
    async with ReplayServer() as upstream:
        base_urls = {provider_of(recorded): upstream.base_url(upstream.add(recorded))}
        async with serving(base_urls, api_key=api_key) as url:
            yield url


def answering_with_usage(
    bodies: list[dict[str, Any]],
) -> Callable[[web.BaseRequest], Awaitable[web.StreamResponse]]:
    """An OpenAI-style upstream that keeps each request's JSON in ``bodies`` and answers
    "Hi", then its usage (7 tokens in, 1 out), then ``[DONE]``."""

    async def handler(request: web.BaseRequest) -> web.StreamResponse:
        bodies.append(await request.json())
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        await response.write(b'data: {"choices":[{"delta":{"content":"Hi"}}]}\n\n')
        usage = b'{"choices":[],"usage":{"prompt_tokens":7,"completion_tokens":1}}'
        await response.write(b"data: " + usage + b"\n\ndata: [DONE]\n\n")
        return response

    return handler


def provider_of(recorded: Recording) -> str:
    """The class name of the provider a recording is of (its folder is the module)."""
    return generated._REGISTRY.info(recorded.path.parent.name).name


def chat_body(recorded: Recording, **fields: Any) -> dict[str, Any]:
    """The chat completion request that makes the recording's provider call as recorded."""
    call = recorded.expect["call"]
    assert isinstance(call, dict)
    model = f"{provider_of(recorded)}/{call['model']}"
    return {"model": model, "messages": call["messages"], **call["kwargs"], **fields}


def sse_data(body: bytes) -> list[str]:
    """The data of each server-sent event of ``body``, checking each event is one data line."""
    text = body.decode()
    assert text.endswith("\n\n"), text[-200:]
    events = text[:-2].split("\n\n")
    assert all(event.startswith("data: ") and "\n" not in event for event in events), events
    return [event.removeprefix("data: ") for event in events]


def chunks(body: bytes) -> list[dict[str, Any]]:
    """The JSON chunks of a streamed answer, ``[DONE]`` checked last and left out."""
    data = sse_data(body)
    assert data[-1] == "[DONE]", data[-3:]
    return [json.loads(item) for item in data[:-1]]


def streamed_text(parsed: list[dict[str, Any]]) -> str:
    """The text a client reads from the chunks."""
    return "".join(
        chunk["choices"][0]["delta"].get("content") or "" for chunk in parsed if chunk["choices"]
    )


class Output:
    """A process's stderr, read to its end as it comes, line by line: a pipe nobody reads fills
    up, and the process, writing to it, freezes."""

    def __init__(self, stream: asyncio.StreamReader) -> None:
        self.lines: list[str] = []
        """Every line so far."""
        self._unread: asyncio.Queue[str | None] = asyncio.Queue()
        self._drain = asyncio.create_task(self._read(stream))

    async def _read(self, stream: asyncio.StreamReader) -> None:
        async for line in stream:
            self.lines.append(line.decode(errors="replace"))
            self._unread.put_nowait(self.lines[-1])
        self._unread.put_nowait(None)

    async def expect(self, pattern: str, count: int = 1) -> list[str]:
        """The next ``count`` lines that match ``pattern``, passing over the others; fails when
        the output ends first, or after STARTUP_SECONDS."""
        found: list[str] = []
        async with asyncio.timeout(STARTUP_SECONDS):
            while len(found) < count:
                line = await self._unread.get()
                if line is None:
                    self._unread.put_nowait(None)  # the end, for every later read as well
                    raise AssertionError(f"no line matching {pattern!r} in:\n{''.join(self.lines)}")
                if re.search(pattern, line):
                    found.append(line)
        return found

    async def ended(self) -> None:
        """Once the process's end of the pipe is closed and everything is read."""
        await asyncio.wait_for(self._drain, STARTUP_SECONDS)


@asynccontextmanager
async def running(
    *command: str, stop: signal.Signals = signal.SIGINT, cwd: Path = ROOT
) -> AsyncIterator[tuple[asyncio.subprocess.Process, Output]]:
    """``command`` as a process of its own in ``cwd``, its stderr drained: yields it and its
    output; ``stop`` on the way out (Ctrl-C's SIGINT unless told), which must end it with
    status 0."""
    process = await asyncio.create_subprocess_exec(
        *command, cwd=cwd, stderr=asyncio.subprocess.PIPE
    )
    assert process.stderr is not None
    output = Output(process.stderr)
    try:
        yield process, output
        if process.returncode is None:
            process.send_signal(stop)
        status = await asyncio.wait_for(process.wait(), STARTUP_SECONDS)
        assert status == 0, "".join(output.lines)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
        await output.ended()


@asynccontextmanager
async def gateway_process(*argv: str) -> AsyncIterator[tuple[asyncio.subprocess.Process, str]]:
    """``python -m generated serve ARGV...`` on a free port, as a process of its own: yields it
    and its base URL; Ctrl-C (SIGINT) on the way out, which must end it with status 0."""
    command = (sys.executable, "-m", "generated", "serve", "--port", "0", *argv)
    async with running(*command) as (process, output):
        [line] = await output.expect(r"at http://127\.0\.0\.1:\d+/v1 ")
        found = re.search(r"at (http://127\.0\.0\.1:\d+)/v1 ", line)
        assert found is not None
        yield process, found[1]
