"""The gateway at the level of HTTP connections, over raw sockets: how long a connection that
holds no whole request is kept, when ``100 Continue`` is sent, and what a request aiohttp's
parser refuses is answered with."""

from __future__ import annotations

import asyncio
import json
import re
import time
from typing import Any

from aiohttp import web

import generated
from generated._runtime._constants import GATEWAY_KEEPALIVE_TIMEOUT
from generated._runtime._gateway_app import build_app
from generated._runtime._gateway_runner import GatewayRunner
from replay import ReplayServer

from .conftest import HELLO, HOST, chat_body, gateway_process, serving

GATEWAY_KEY = "connection-test-key"
CLOSE_MARGIN = 3.0
"""Seconds a connection may outlive the keep-alive timeout before the test calls it kept."""


async def connect(url: str) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    return await asyncio.open_connection(HOST, int(url.rsplit(":", 1)[1]))


async def answer_of(reader: asyncio.StreamReader) -> tuple[bytes, bytes]:
    """The head (status line and headers) and the body of the next answer on the connection."""
    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10.0)
    length = re.search(rb"(?i)content-length: (\d+)", head)
    assert length is not None, head
    return head, await asyncio.wait_for(reader.readexactly(int(length[1])), 10.0)


async def seconds_until_closed(reader: asyncio.StreamReader, since: float) -> float:
    """How long after ``since`` the gateway closed the connection, reading nothing more; fails
    when it is still open past the keep-alive timeout and the margin."""
    limit = GATEWAY_KEEPALIVE_TIMEOUT + CLOSE_MARGIN
    assert await asyncio.wait_for(reader.read(), limit - (time.monotonic() - since)) == b""
    return time.monotonic() - since


async def half_request(url: str, sent: bytes) -> float:
    """Seconds the gateway keeps a connection that sent only ``sent``."""
    reader, writer = await connect(url)
    opened = time.monotonic()
    writer.write(sent)
    try:
        return await seconds_until_closed(reader, opened)
    finally:
        writer.close()


async def idle_after_an_answer(url: str) -> float:
    """Seconds the gateway keeps a connection idle once it has answered a request on it."""
    reader, writer = await connect(url)
    writer.write(f"GET /healthz HTTP/1.1\r\nHost: {url[7:]}\r\n\r\n".encode())
    try:
        head, _ = await answer_of(reader)
        assert head.startswith(b"HTTP/1.1 200 "), head
        return await seconds_until_closed(reader, time.monotonic())
    finally:
        writer.close()


async def test_serve_closes_half_sent_requests_and_idle_connections_within_seconds() -> None:
    # aiohttp's default keeps each for an hour: a few hundred use up the process's open files.
    async with gateway_process() as (_, url):
        host = url[7:].encode()
        waits = await asyncio.gather(
            half_request(url, b"POST /v1/chat/compl"),
            half_request(url, b"GET /healthz HTTP/1.1\r\nHost: " + host + b"\r\nX-Half: "),
            half_request(url, b""),
            idle_after_an_answer(url),
        )
    assert all(wait <= GATEWAY_KEEPALIVE_TIMEOUT + CLOSE_MARGIN for wait in waits), waits


async def test_a_keep_alive_of_0_is_bounded_all_the_same() -> None:
    # gunicorn's --keep-alive 0 reaches the runner as it is: aiohttp would then arm no timer,
    # not even for a connection that never sends a request.
    app = build_app(generated._REGISTRY)
    runner = GatewayRunner(app, keepalive_timeout=0)
    await runner.setup()
    try:
        await web.TCPSite(runner, HOST, 0).start()
        url = f"http://{HOST}:{runner.addresses[0][1]}"
        waited = await half_request(url, b"GET /healthz HTTP/1.1\r\n")
    finally:
        await runner.cleanup()
    assert waited <= GATEWAY_KEEPALIVE_TIMEOUT + CLOSE_MARGIN


def chat_request(url: str, *headers: str) -> tuple[bytes, bytes]:
    """A streaming chat request's head with ``headers`` (and no body), and its body."""
    body = json.dumps(chat_body(HELLO, stream=True)).encode()
    lines = [
        "POST /v1/chat/completions HTTP/1.1",
        f"Host: {url[7:]}",
        "Content-Type: application/json",
        f"Content-Length: {len(body)}",
        *headers,
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode(), body


def error_of(head: bytes, body: bytes, status: int) -> dict[str, Any]:
    """The OpenAI-shaped error of an answer of ``status`` (in HTTP/1.0 when aiohttp's parser
    could not read the request's version)."""
    assert re.match(rb"HTTP/1\.[01] %d " % status, head), head
    assert b"Content-Type: application/json" in head, head
    error: dict[str, Any] = json.loads(body)["error"]
    assert set(error) == {"message", "type", "code", "param"}
    return error


async def test_100_continue_is_not_sent_before_the_key_is_checked() -> None:
    async with serving(api_key=GATEWAY_KEY) as url:
        reader, writer = await connect(url)
        head, _ = chat_request(url, "Expect: 100-continue", "Authorization: Bearer wrong")
        writer.write(head)
        head, body = await answer_of(reader)
        writer.close()
    assert error_of(head, body, 401)["code"] == "invalid_api_key"
    assert b"Connection: close" in head  # the body is never asked for


async def test_100_continue_is_sent_once_the_key_is_checked() -> None:
    async with ReplayServer() as upstream:
        base_urls = {"CodeLinkAva": upstream.base_url(upstream.add(HELLO))}
        async with serving(base_urls, api_key=GATEWAY_KEY) as url:
            reader, writer = await connect(url)
            key = f"Authorization: Bearer {GATEWAY_KEY}"
            head, body = chat_request(url, "Expect: 100-continue", key)
            writer.write(head)
            interim = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10.0)
            writer.write(body)
            final = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10.0)
            writer.close()
    assert interim == b"HTTP/1.1 100 Continue\r\n\r\n"
    assert final.startswith(b"HTTP/1.1 200 "), final


async def test_100_continue_is_not_sent_to_a_page_or_on_a_path_that_is_not_served() -> None:
    async with serving() as url:
        reader, writer = await connect(url)
        head, _ = chat_request(url, "Expect: 100-continue", "Origin: http://attacker.example")
        writer.write(head)
        foreign = await answer_of(reader)
        writer.close()
    async with serving(api_key=GATEWAY_KEY) as url:
        reader, writer = await connect(url)
        writer.write(
            f"POST /v1/nothing HTTP/1.1\r\nHost: {url[7:]}\r\nContent-Length: 10\r\n"
            "Expect: 100-continue\r\n\r\n".encode()
        )
        unserved = await answer_of(reader)
        writer.close()
    assert error_of(*foreign, 403)["code"] == "origin_not_allowed"
    assert error_of(*unserved, 401)["code"] == "invalid_api_key"


async def test_an_expectation_other_than_100_continue_is_417_in_openais_shape() -> None:
    async with serving(api_key=GATEWAY_KEY) as url:
        reader, writer = await connect(url)
        head, _ = chat_request(url, "Expect: teapot", f"Authorization: Bearer {GATEWAY_KEY}")
        writer.write(head)
        answer = await answer_of(reader)
        writer.close()
    error = error_of(*answer, 417)
    assert (error["type"], error["code"]) == ("invalid_request_error", "expectation_failed")


MALFORMED = {
    "a header line with no colon": b"GET /v1/models HTTP/1.1\r\nHost: {host}\r\nNo colon\r\n\r\n",
    "a control character in the path": b"GET /v1/\x01models HTTP/1.1\r\nHost: {host}\r\n\r\n",
    "no HTTP at all": b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n",
    "a header too large": b"GET /v1/models HTTP/1.1\r\nHost: {host}\r\nX-Big: "
    + b"x" * 9000
    + b"\r\n\r\n",
    "a request line too large": b"GET /v1/models?" + b"x" * 9000 + b" HTTP/1.1\r\n\r\n",
}


async def test_what_the_http_parser_refuses_is_400_in_openais_shape() -> None:
    async with serving(api_key=GATEWAY_KEY) as url:
        answers = {}
        for name, request in MALFORMED.items():
            reader, writer = await connect(url)
            writer.write(request.replace(b"{host}", url[7:].encode()))
            answers[name] = await answer_of(reader)
            writer.close()
    for name, answer in answers.items():
        error = error_of(*answer, 400)
        assert error["type"] == "invalid_request_error", name
        assert error["message"].startswith("the request is not valid HTTP: "), name
    codes = {name: error_of(*answer, 400)["code"] for name, answer in answers.items()}
    too_large = {"a header too large", "a request line too large"}
    assert codes == {
        name: "request_too_large" if name in too_large else "invalid_http" for name in MALFORMED
    }
