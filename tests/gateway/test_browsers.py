"""What a web page can make a key-less gateway do: nothing.

A page cannot set a key, so the gateway without one is reachable only as a browser lets a page
reach a loopback server: by a name of the page's own rebound to 127.0.0.1 (DNS rebinding: the
Host is that name), or by a cross-origin request that needs no preflight (an Origin of its own;
a ``text/plain``, form or bare body). Each is refused in OpenAI's shape, before anything is sent
upstream; what a client that is no browser sends (``curl``, the SDKs) is served.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from replay import ReplayServer

from .conftest import HELLO, HELLO_TEXT, HOST, chat_body, chunks, serving, streamed_text

GATEWAY_KEY = "browser-test-key"


@pytest.fixture
async def upstream() -> AsyncIterator[ReplayServer]:
    """CodeLinkAva's recording served: its requests show whether anything was sent upstream."""
    async with ReplayServer() as server:
        yield server


async def post_chat(
    url: str, headers: dict[str, str], body: bytes | None = None
) -> tuple[int, dict[str, Any]]:
    """POST a streaming chat request with exactly ``headers`` (no Content-Type of aiohttp's);
    the status and the JSON of the answer (or its text, as ``{"text": ...}``)."""
    payload = body if body is not None else json.dumps(chat_body(HELLO, stream=True)).encode()
    async with (
        aiohttp.ClientSession(skip_auto_headers=["Content-Type"]) as session,
        session.post(f"{url}/v1/chat/completions", data=payload, headers=headers) as response,
    ):
        text = await response.text()
        if response.content_type == "application/json":
            return response.status, json.loads(text)
        return response.status, {"text": text}


def port_of(url: str) -> int:
    return int(url.rsplit(":", 1)[1])


def refused(answer: dict[str, Any], code: str) -> str:
    """The message of an OpenAI-shaped refusal with ``code``."""
    error = answer["error"]
    assert (error["type"], error["code"], error["param"]) == ("invalid_request_error", code, None)
    message: str = error["message"]
    return message


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1:{port}",
        "127.0.0.1",
        "localhost:{port}",
        "LocalHost",
        "[::1]:{port}",
        "[::1]",
    ],
)
async def test_a_key_less_gateway_answers_its_loopback_names(
    upstream: ReplayServer, host: str
) -> None:
    base_urls = {"CodeLinkAva": upstream.base_url(upstream.add(HELLO))}
    async with serving(base_urls) as url:
        headers = {"Host": host.format(port=port_of(url)), "Content-Type": "application/json"}
        async with aiohttp.ClientSession() as session:
            body = chat_body(HELLO, stream=True)
            async with session.post(
                f"{url}/v1/chat/completions", json=body, headers=headers
            ) as response:
                assert response.status == 200
                assert streamed_text(chunks(await response.read())) == HELLO_TEXT


@pytest.mark.parametrize(
    "host",
    [
        "rebound.attacker.example:{port}",
        "rebound.attacker.example",
        "127.0.0.1.nip.io:{port}",
        "localhost.attacker.example:{port}",
        "0.0.0.0:{port}",
        "10.0.0.7:{port}",
        "127.0.0.1@attacker.example",
        "127.0.0.1:{port}x",
        "",
    ],
)
async def test_a_key_less_gateway_refuses_any_other_host_before_sending_anything(
    upstream: ReplayServer, host: str
) -> None:
    base_urls = {"CodeLinkAva": upstream.base_url(upstream.add(HELLO))}
    async with serving(base_urls) as url:
        sent = host.format(port=port_of(url))
        status, answer = await post_chat(url, {"Host": sent, "Content-Type": "application/json"})
    assert status == 403, answer
    assert repr(sent) in refused(answer, "host_not_allowed")
    assert upstream.requests == []


async def test_a_request_with_no_host_is_refused() -> None:
    async with serving() as url:
        reader, writer = await asyncio.open_connection(HOST, port_of(url))
        writer.write(b"GET /v1/models HTTP/1.0\r\n\r\n")
        answer = await asyncio.wait_for(reader.read(), 10.0)
        writer.close()
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.0 403 "), answer
    refused(json.loads(body), "host_not_allowed")


@pytest.mark.parametrize("path", ["/v1/models", "/healthz", "/v1/nothing"])
async def test_every_path_of_a_key_less_gateway_checks_the_host(path: str) -> None:
    # A rebound page reads what a GET answers as well: the models, the health check.
    async with serving() as url, aiohttp.ClientSession() as session:
        headers = {"Host": f"rebound.attacker.example:{port_of(url)}"}
        async with session.get(f"{url}{path}", headers=headers) as response:
            status, answer = response.status, await response.json()
    assert status == 403
    refused(answer, "host_not_allowed")


@pytest.mark.parametrize(
    "origin",
    [
        "http://attacker.example",
        "https://attacker.example",
        "null",
        "http://localhost:3000",
        "http://127.0.0.1:{other}",
        "http://rebound.attacker.example:{port}",
    ],
)
async def test_a_key_less_gateway_refuses_a_foreign_origin(
    upstream: ReplayServer, origin: str
) -> None:
    base_urls = {"CodeLinkAva": upstream.base_url(upstream.add(HELLO))}
    async with serving(base_urls) as url:
        port = port_of(url)
        sent = origin.format(port=port, other=port + 1)
        headers = {"Origin": sent, "Content-Type": "application/json"}
        status, answer = await post_chat(url, headers)
        async with (
            aiohttp.ClientSession() as session,
            session.get(f"{url}/v1/models", headers={"Origin": sent}) as response,
        ):
            listed = response.status, await response.json()
    assert status == 403, answer
    assert repr(sent) in refused(answer, "origin_not_allowed")
    assert listed[0] == 403
    refused(listed[1], "origin_not_allowed")
    assert upstream.requests == []


async def test_the_gateways_own_origin_is_served(upstream: ReplayServer) -> None:
    base_urls = {"CodeLinkAva": upstream.base_url(upstream.add(HELLO))}
    async with serving(base_urls) as url:
        own = {"Origin": f"http://{HOST}:{port_of(url)}", "Content-Type": "application/json"}
        status, answer = await post_chat(url, own)
    assert status == 200, answer


@pytest.mark.parametrize(
    "content_type",
    [
        "text/plain",
        "text/plain;charset=UTF-8",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/jsonp",
        "text/json",
        None,
    ],
)
async def test_a_key_less_gateway_refuses_a_post_that_is_not_json(
    upstream: ReplayServer, content_type: str | None
) -> None:
    # A page sends these without a preflight (a Blob body sends none at all): no Origin is
    # needed to refuse them.
    base_urls = {"CodeLinkAva": upstream.base_url(upstream.add(HELLO))}
    async with serving(base_urls) as url:
        headers = {} if content_type is None else {"Content-Type": content_type}
        status, answer = await post_chat(url, headers)
    assert status == 415, answer
    assert refused(answer, "unsupported_media_type").startswith(
        "Content-Type must be application/json"
    )
    assert upstream.requests == []


@pytest.mark.parametrize("content_type", ["application/json; charset=utf-8", "Application/JSON"])
async def test_json_in_any_spelling_is_served(upstream: ReplayServer, content_type: str) -> None:
    base_urls = {"CodeLinkAva": upstream.base_url(upstream.add(HELLO))}
    async with serving(base_urls) as url:
        status, answer = await post_chat(url, {"Content-Type": content_type})
    assert status == 200, answer


async def test_with_a_key_any_host_origin_and_body_type_reach_the_key_check(
    upstream: ReplayServer,
) -> None:
    # A page cannot send the key: a gateway behind a name, or a proxy, is used by its name.
    base_urls = {"CodeLinkAva": upstream.base_url(upstream.add(HELLO))}
    async with serving(base_urls, api_key=GATEWAY_KEY) as url:
        headers = {"Host": "gateway.internal", "Origin": "http://tool.internal"}
        status, answer = await post_chat(url, {**headers, "Content-Type": "text/plain"})
        keyed = {**headers, "Authorization": f"Bearer {GATEWAY_KEY}"}
        served, _ = await post_chat(url, {**keyed, "Content-Type": "text/plain"})
    assert status == 401
    refused(answer, "invalid_api_key")
    assert served == 200


async def test_an_insecure_gateway_answers_any_address_but_no_other_name() -> None:
    # serve --insecure listens beyond loopback with no key: its clients name it by an address,
    # which no rebinding can send; a name could be a page's own.
    async with serving(insecure=True) as url, aiohttp.ClientSession() as session:
        port = port_of(url)
        answers = []
        for host in (f"192.0.2.1:{port}", f"[2001:db8::1]:{port}", f"attacker.example:{port}"):
            async with session.get(f"{url}/v1/models", headers={"Host": host}) as response:
                answers.append(response.status)
    assert answers == [200, 200, 403]
