"""What the gateway tests share: a gateway over the generated package, upstream recordings,
and a reader of the server-sent events it answers with."""

from __future__ import annotations

import asyncio
import json
import re
import signal
import sys
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import Any

import pytest
from aiohttp import web

import generated
from generated._runtime._gateway_app import build_app
from replay import Recording

from ..conftest import ROOT, recording

HOST = "127.0.0.1"
STARTUP_SECONDS = 30.0
"""How long a gateway process may take to start or to stop: far more than it needs."""
SECRETS = {
    name: f"test-{name.lower()}-value" for info in generated._REGISTRY.infos for name in info.auth
}
"""A value for every environment variable a provider reads: its key."""

HELLO = recording("codelink_ava", "hello")
HELLO_TEXT = "Hello! How can I help you today?"
USER = [{"role": "user", "content": "Hello!"}]


@pytest.fixture(autouse=True)
def provider_keys(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Every provider's key set, as an operator's environment would hold them."""
    for name, value in SECRETS.items():
        monkeypatch.setenv(name, value)
    return SECRETS


@asynccontextmanager
async def serving(
    base_urls: Mapping[str, str] | None = None, api_key: str | None = None
) -> AsyncIterator[str]:
    """The gateway on a free port of 127.0.0.1, as ``serve`` runs it; yields its base URL."""
    app = build_app(generated._REGISTRY, base_urls=base_urls, api_key=api_key)
    runner = web.AppRunner(app, handler_cancellation=True)
    await runner.setup()
    try:
        site = web.TCPSite(runner, HOST, 0)
        await site.start()
        yield f"http://{HOST}:{runner.addresses[0][1]}"
    finally:
        await runner.cleanup()


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


@asynccontextmanager
async def gateway_process(*argv: str) -> AsyncIterator[tuple[asyncio.subprocess.Process, str]]:
    """``python -m generated serve ARGV...`` on a free port, as a process of its own: yields it
    and its base URL; Ctrl-C (SIGINT) on the way out, which must end it with status 0."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "generated", "serve", "--port", "0", *argv,
        cwd=ROOT,
        stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    assert process.stderr is not None
    try:
        line = (await asyncio.wait_for(process.stderr.readline(), STARTUP_SECONDS)).decode()
        found = re.search(r"at (http://127\.0\.0\.1:\d+)/v1 ", line)
        assert found is not None, line + (await process.stderr.read()).decode()
        yield process, found[1]
        if process.returncode is None:
            process.send_signal(signal.SIGINT)
        assert await asyncio.wait_for(process.wait(), STARTUP_SECONDS) == 0
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
