"""A rebuilt package served without a restart: ``serve`` on SIGHUP, gunicorn on HUP, and the
runner's replacing of one application by another under a running stream."""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import signal
import subprocess
import sys
import types
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web

import generated
from generated._runtime._exceptions import PackageReloadedError
from generated._runtime._gateway_runner import GatewayRunner
from replay import ReplayServer

from ..conftest import ROOT
from ..upstreams import DELTA_TEXT, HELD_TEXT, held_upstream
from .conftest import (
    HELLO,
    HELLO_TEXT,
    HOST,
    USER,
    Output,
    chat_body,
    chunks,
    running,
    serving,
    streamed_text,
)

PACKAGE = "reloaded_llm"
GUNICORN = shutil.which("gunicorn", path=os.path.dirname(sys.executable))


# The runner: one application replaced by another


def answering(name: str, ended: list[str], release: asyncio.Event) -> web.Application:
    """An application that says its ``name`` on ``/who``, streams ``/stream`` until
    ``release`` is set, and notes in ``ended`` when it has been cleaned up."""

    async def who(request: web.Request) -> web.Response:
        return web.Response(text=name)

    async def stream(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse()
        await response.prepare(request)
        await response.write(f"{name} began;".encode())
        await release.wait()
        await response.write(f"{name} ended".encode())
        return response

    async def lifetime(app: web.Application) -> AsyncIterator[None]:
        yield
        ended.append(name)

    app = web.Application()
    app.router.add_get("/who", who)
    app.router.add_get("/stream", stream)
    app.cleanup_ctx.append(lifetime)
    return app


@asynccontextmanager
async def run(app: web.Application) -> AsyncIterator[tuple[GatewayRunner, str]]:
    runner = GatewayRunner(app)
    await runner.setup()
    try:
        await web.TCPSite(runner, HOST, 0).start()
        yield runner, f"http://{HOST}:{runner.addresses[0][1]}"
    finally:
        await runner.cleanup()


async def said(session: aiohttp.ClientSession, url: str) -> str:
    async with session.get(f"{url}/who") as response:
        return await response.text()


async def test_a_replaced_application_ends_once_its_last_stream_has() -> None:
    ended: list[str] = []
    release = asyncio.Event()
    first = answering("first", ended, release)
    async with run(first) as (runner, url), aiohttp.ClientSession() as session:
        response = await session.get(f"{url}/stream")
        assert await response.content.readexactly(len("first began;")) == b"first began;"
        await runner.replace_app(answering("second", ended, release))
        assert runner.app is not first
        assert await said(session, url) == "second"  # a new connection
        assert ended == []  # the first still streams
        release.set()
        assert await response.content.read() == b"first ended"
        response.release()  # its connection kept alive: its next request is the second's
        assert await said(session, url) == "second"
        async with asyncio.timeout(5):
            while ended != ["first"]:
                await asyncio.sleep(0.01)
    assert ended == ["first", "second"]


async def test_an_application_replaced_when_idle_ends_at_once() -> None:
    ended: list[str] = []
    first = answering("first", ended, asyncio.Event())
    async with run(first) as (runner, url), aiohttp.ClientSession() as session:
        assert await said(session, url) == "first"
        await runner.replace_app(answering("second", ended, asyncio.Event()))
        assert ended == ["first"]
        assert await said(session, url) == "second"


async def test_an_application_that_fails_to_end_is_logged_and_replaced_all_the_same(
    caplog: pytest.LogCaptureFixture,
) -> None:
    async def failing(app: web.Application) -> AsyncIterator[None]:
        yield
        raise OSError("a pool that would not close")

    first = answering("first", [], asyncio.Event())
    first.cleanup_ctx.append(failing)
    async with run(first) as (runner, url), aiohttp.ClientSession() as session:
        await runner.replace_app(answering("second", [], asyncio.Event()))
        assert await said(session, url) == "second"
    assert "an application replaced did not end cleanly" in caplog.text


# A registry whose package was imported anew


def test_a_registry_whose_package_was_imported_anew_imports_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    imported = generated._REGISTRY.get_provider("OpenaiChat")
    monkeypatch.setattr(generated._REGISTRY, "_classes", {"OpenaiChat": imported})
    monkeypatch.setitem(sys.modules, "generated", types.ModuleType("generated"))
    with pytest.raises(PackageReloadedError, match="imported anew") as raised:
        generated._REGISTRY.get_provider("codelink_ava")
    assert raised.value.provider == "CodeLinkAva"
    # What it had imported is still its own package's, of its own runtime.
    assert generated._REGISTRY.get_provider("openai_chat") is imported


async def test_a_request_that_comes_in_as_the_package_is_replaced_is_to_be_sent_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async with ReplayServer() as replay:
        name = replay.add(HELLO)
        async with serving({"CodeLinkAva": replay.base_url(name)}) as url:
            monkeypatch.setattr(generated._REGISTRY, "_classes", {})  # none imported yet
            monkeypatch.setitem(sys.modules, "generated", types.ModuleType("generated"))
            body = chat_body(HELLO, stream=True)
            async with (
                aiohttp.ClientSession() as session,
                session.post(f"{url}/v1/chat/completions", json=body) as response,
            ):
                assert response.status == 503
                assert response.headers["x-should-retry"] == "true"
                error = (await response.json())["error"]
        assert error["code"] == "gateway_reloaded"
        assert replay.hits(name) == 0  # nothing went upstream


# serve and gunicorn, with a package rebuilt under them


def build(project: Path, *specs: str) -> None:
    """The package of ``specs`` (the project's, by name) in ``project``, built as a user
    builds one."""
    folder = project / "specs"
    folder.mkdir(exist_ok=True)
    for spec in specs:
        shutil.copy(ROOT / "specs" / f"{spec}.yaml", folder)
    command = ("build", "--specs", "specs", "--output", PACKAGE, "--parts", "registry,gateway")
    subprocess.run(
        [sys.executable, "-m", "generator", *command],
        cwd=project,
        check=True,
        capture_output=True,
    )


def configured(project: Path, base_urls: dict[str, str]) -> Path:
    """The gateway's config file in ``project``, pointing providers at ``base_urls``."""
    lines = [f"  {name}: {{base_url: {url!r}}}" for name, url in base_urls.items()]
    path = project / "gateway.yaml"
    path.write_text("providers:\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


async def streaming(session: aiohttp.ClientSession, url: str) -> aiohttp.ClientResponse:
    """A stream from OpenaiChat through the gateway at ``url``, its first delta read."""
    body = {"model": "OpenaiChat", "messages": USER, "stream": True}
    response = await session.post(f"{url}/v1/chat/completions", json=body)
    assert response.status == 200, await response.text()
    while DELTA_TEXT.encode() not in await response.content.readuntil(b"\n\n"):
        pass
    return response


async def hello(session: aiohttp.ClientSession, url: str) -> str:
    """CodeLinkAva's answer through the gateway at ``url``."""
    body = chat_body(HELLO, stream=True)
    async with session.post(f"{url}/v1/chat/completions", json=body) as response:
        assert response.status == 200, await response.text()
        return streamed_text(chunks(await response.read()))


async def served_models(session: aiohttp.ClientSession, url: str) -> set[str]:
    """What ten requests on connections of their own list: once the old worker has stopped
    accepting, only the new one's providers."""
    lists = [await listed(session, url) for _ in range(10)]
    return set.intersection(*lists)


async def listed(session: aiohttp.ClientSession, url: str) -> set[str]:
    async with session.get(f"{url}/v1/models") as response:
        return {model["owned_by"] for model in (await response.json())["data"]}


@asynccontextmanager
async def serve(project: Path, config: Path) -> AsyncIterator[tuple[int, str, Output]]:
    """``python -m PACKAGE serve --config CONFIG`` in ``project``: its pid, URL and output."""
    command = (sys.executable, "-m", PACKAGE, "serve", "--port", "0", "--config", str(config))
    async with running(*command, cwd=project) as (process, output):
        [line] = await output.expect(r"at http://127\.0\.0\.1:\d+/v1 ")
        found = re.search(r"at (http://127\.0\.0\.1:\d+)/v1 ", line)
        assert found is not None
        yield process.pid, found[1], output


async def test_serve_on_sighup_serves_the_rebuilt_package_and_its_streams_run_on(
    tmp_path: Path,
) -> None:
    build(tmp_path, "openai_chat")
    async with held_upstream() as (held, base), ReplayServer() as replay:
        config = configured(tmp_path, {"OpenaiChat": base})
        async with (
            serve(tmp_path, config) as (pid, url, output),
            aiohttp.ClientSession() as session,
        ):
            assert await listed(session, url) == {"OpenaiChat"}
            running_stream = await streaming(session, url)

            build(tmp_path, "codelink_ava")
            configured(
                tmp_path, {"OpenaiChat": base, "CodeLinkAva": replay.base_url(replay.add(HELLO))}
            )
            os.kill(pid, signal.SIGHUP)
            await output.expect(rf"reloaded: serving 2 providers of {PACKAGE}$")
            assert await listed(session, url) == {"OpenaiChat", "CodeLinkAva"}
            assert await hello(session, url) == HELLO_TEXT

            held.release.set()
            rest = await running_stream.read()
            assert streamed_text(chunks(rest)) == HELD_TEXT[len(DELTA_TEXT) :]
            assert rest.endswith(b"data: [DONE]\n\n")

            # A package that cannot be imported is not served: the one before still is.
            module = tmp_path / PACKAGE / "codelink_ava.py"
            module.write_text(module.read_text() + "\nbroken = (\n")
            os.kill(pid, signal.SIGHUP)
            await output.expect(r"reload failed, still serving the package as it was: SyntaxError")
            assert await hello(session, url) == HELLO_TEXT


async def test_serve_on_sighup_keeps_serving_when_the_config_file_went_wrong(
    tmp_path: Path,
) -> None:
    build(tmp_path, "codelink_ava")
    async with ReplayServer() as replay:
        config = configured(tmp_path, {"CodeLinkAva": replay.base_url(replay.add(HELLO))})
        async with (
            serve(tmp_path, config) as (pid, url, output),
            aiohttp.ClientSession() as session,
        ):
            config.write_text("providers:\n  Nobody: {base_url: 'http://127.0.0.1:9'}\n")
            os.kill(pid, signal.SIGHUP)
            [line] = await output.expect(r"reload failed")
            assert "no provider 'Nobody'" in line
            assert await hello(session, url) == HELLO_TEXT


@pytest.mark.skipif(GUNICORN is None, reason="gunicorn is not installed (pip install -e '.[test]')")
async def test_under_gunicorn_hup_serves_the_rebuilt_package_and_its_streams_run_on(
    tmp_path: Path,
) -> None:
    assert GUNICORN is not None
    build(tmp_path, "openai_chat")
    async with held_upstream() as (held, base), ReplayServer() as replay:
        config = configured(tmp_path, {"OpenaiChat": base})
        command = (
            GUNICORN, f"{PACKAGE}._runtime._gateway:gunicorn_app({PACKAGE!r}, config={str(config)!r})",
            "--worker-class", f"{PACKAGE}._runtime._gateway.GatewayWorker",
            "--workers", "1", "--bind", "127.0.0.1:0", "--graceful-timeout", "20",
        )  # fmt: skip
        async with running(*command, stop=signal.SIGTERM, cwd=tmp_path) as (process, output):
            [listening] = await output.expect(r"Listening at: ")
            found = re.search(r"(http://127\.0\.0\.1:\d+)", listening)
            assert found is not None
            url = found[1]
            await output.expect(r"Booting worker with pid: \d+")
            # A connection a request: the old worker closes those it kept alive as it stops.
            fresh = aiohttp.TCPConnector(force_close=True)
            async with aiohttp.ClientSession(connector=fresh) as session:
                assert await listed(session, url) == {"OpenaiChat"}
                running_stream = await streaming(session, url)

                build(tmp_path, "codelink_ava")
                replayed = replay.base_url(replay.add(HELLO))
                configured(tmp_path, {"OpenaiChat": base, "CodeLinkAva": replayed})
                process.send_signal(signal.SIGHUP)
                await output.expect(r"Booting worker with pid: \d+")
                # The old worker accepts connections until it has handled its SIGTERM, which
                # its loop looks for once a second: until then either worker may answer.
                async with asyncio.timeout(20):
                    while await served_models(session, url) != {"CodeLinkAva", "OpenaiChat"}:
                        await asyncio.sleep(0.05)
                await asyncio.sleep(1.5)
                assert await hello(session, url) == HELLO_TEXT

                held.release.set()
                rest = await running_stream.read()
                assert streamed_text(chunks(rest)) == HELD_TEXT[len(DELTA_TEXT) :]
                assert rest.endswith(b"data: [DONE]\n\n")
