"""The replay server, exercised over real loopback HTTP: chunks, pace, faults, routes."""

from __future__ import annotations

import asyncio
import hashlib
import time
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from replay import KEPT_BODY_BYTES, Fault, ReplayServer, load_recording

from .conftest import BODY, CHUNKS, TARGET, add, reads_of, recording_data, write


async def test_chunks_arrive_as_separate_reads(
    tmp_path: Path, session: aiohttp.ClientSession
) -> None:
    async with ReplayServer(pace=True) as paced:
        url = add(paced, tmp_path)
        async with session.post(url, json={}) as response:
            reads = await reads_of(response)
    assert len(reads) >= 4
    assert b"".join(reads) == BODY


async def test_pace_waits_the_recorded_delays(
    tmp_path: Path, session: aiohttp.ClientSession
) -> None:
    async with ReplayServer(pace=True) as paced:
        url = add(paced, tmp_path, delays=[0.05] * len(CHUNKS))
        started = time.monotonic()
        async with session.post(url, json={}) as response:
            await response.read()
    assert time.monotonic() - started >= 0.2


async def test_recorded_status_headers_and_body_are_served(
    server: ReplayServer, tmp_path: Path, session: aiohttp.ClientSession
) -> None:
    error = '{"error": {"message": "overloaded"}}'
    headers = {"Content-Type": "application/json", "X-Request-Id": "req-9", "Content-Length": "1"}
    url = add(server, tmp_path, status=529, headers=headers, chunks=[error], delays=[0.0])
    async with session.post(url, json={}) as response:
        assert response.status == 529
        assert response.headers["X-Request-Id"] == "req-9"
        assert response.headers["Content-Type"] == "application/json"
        # The recorded Content-Length described the recorded transfer; it is not replayed.
        assert response.headers.get("Content-Length") != "1"
        assert await response.read() == error.encode()


async def test_status_fault_sends_body_and_headers(
    server: ReplayServer, tmp_path: Path, session: aiohttp.ClientSession
) -> None:
    fault = Fault(status=429, body=b'{"error": "slow down"}', headers={"Retry-After": "2"})
    url = add(server, tmp_path, fault=fault)
    async with session.post(url, json={}) as response:
        assert response.status == 429
        assert response.headers["Retry-After"] == "2"
        assert response.headers["Content-Type"] == "application/json"
        assert await response.read() == b'{"error": "slow down"}'


async def test_fault_headers_override_recorded_ones(
    server: ReplayServer, tmp_path: Path, session: aiohttp.ClientSession
) -> None:
    url = add(server, tmp_path, fault=Fault(headers={"x-request-id": "other"}))
    async with session.post(url, json={}) as response:
        assert response.headers.getall("X-Request-Id") == ["other"]
        assert await response.read() == BODY


async def test_stall_after_sends_k_bytes_then_nothing(
    server: ReplayServer, tmp_path: Path, session: aiohttp.ClientSession
) -> None:
    url = add(server, tmp_path, fault=Fault(stall_after=25))
    reads: list[bytes] = []
    timeout = aiohttp.ClientTimeout(sock_read=0.3)
    with pytest.raises(asyncio.TimeoutError):
        async with session.post(url, json={}, timeout=timeout) as response:
            await reads_of(response, into=reads)
    assert b"".join(reads) == BODY[:25]


async def test_truncate_after_ends_the_response_cleanly(
    server: ReplayServer, tmp_path: Path, session: aiohttp.ClientSession
) -> None:
    url = add(server, tmp_path, fault=Fault(truncate_after=25))
    async with session.post(url, json={}) as response:
        assert await response.read() == BODY[:25]


async def test_reset_after_aborts_the_connection(
    server: ReplayServer, tmp_path: Path, session: aiohttp.ClientSession
) -> None:
    url = add(server, tmp_path, fault=Fault(reset_after=25))
    reads: list[bytes] = []
    with pytest.raises((aiohttp.ClientPayloadError, aiohttp.ClientConnectionError)):
        async with session.post(url, json={}) as response:
            await reads_of(response, into=reads)
    received = b"".join(reads)
    assert len(received) <= 25
    assert BODY.startswith(received)


async def test_drip_sends_one_byte_at_a_time(
    server: ReplayServer, tmp_path: Path, session: aiohttp.ClientSession
) -> None:
    url = add(server, tmp_path, fault=Fault(drip=0.01), chunks=["data: 1\n\n"], delays=[0.0])
    started = time.monotonic()
    async with session.post(url, json={}) as response:
        reads = await reads_of(response)
    assert b"".join(reads) == b"data: 1\n\n"
    assert len(reads) >= 5
    assert time.monotonic() - started >= 0.08


async def test_html_fault_answers_a_page(
    server: ReplayServer, tmp_path: Path, session: aiohttp.ClientSession
) -> None:
    url = add(server, tmp_path, fault=Fault(html=True))
    async with session.post(url, json={}) as response:
        assert response.status == 200
        assert response.content_type == "text/html"
        assert (await response.text()).startswith("<!DOCTYPE html>")


async def test_times_limits_the_fault_to_the_first_requests(
    server: ReplayServer, tmp_path: Path, session: aiohttp.ClientSession
) -> None:
    url = add(server, tmp_path, fault=Fault(status=503, times=2))
    statuses = []
    for _ in range(3):
        async with session.post(url, json={}) as response:
            statuses.append(response.status)
            body = await response.read()
    assert statuses == [503, 503, 200]
    assert body == BODY
    assert server.hits(server.routes[0]) == 3


async def test_query_order_does_not_matter(
    server: ReplayServer, tmp_path: Path, session: aiohttp.ClientSession
) -> None:
    data = recording_data()
    data["request"]["url"] = "https://api.example.com/v1/chat?alt=sse&key=k"
    name = server.add(load_recording(write(tmp_path, data)))
    async with session.post(server.base_url(name) + "/v1/chat?key=k&alt=sse") as response:
        assert response.status == 200


async def test_a_secret_in_the_recorded_query_matches_any_value(
    server: ReplayServer, tmp_path: Path, session: aiohttp.ClientSession
) -> None:
    data = recording_data()
    data["request"]["url"] = "https://api.example.com/v1/chat?alt=sse&key=<API_KEY>"
    name = server.add(load_recording(write(tmp_path, data)))
    async with session.post(server.base_url(name) + "/v1/chat?key=sk-1&alt=sse") as response:
        assert response.status == 200
    async with session.post(server.base_url(name) + "/v1/chat?key=sk-1&alt=json") as response:
        assert response.status == 404
    async with session.post(server.base_url(name) + "/v1/chat?alt=sse") as response:
        assert response.status == 404


async def test_repeated_names_match_in_any_order(
    server: ReplayServer, tmp_path: Path, session: aiohttp.ClientSession
) -> None:
    data = recording_data()
    data["request"]["url"] = "https://api.example.com/v1/chat?a=1&a=2&k=<KEY>"
    name = server.add(load_recording(write(tmp_path, data)))
    async with session.post(server.base_url(name) + "/v1/chat?k=x&a=2&a=1") as response:
        assert response.status == 200
    async with session.post(server.base_url(name) + "/v1/chat?k=x&a=2&a=2") as response:
        assert response.status == 404


@pytest.mark.parametrize(
    ("method", "suffix", "expected"),
    [
        ("POST", "/v1/other?alt=sse", "route 'r0' expects POST /r0/v1/chat?alt=sse, got POST"),
        ("GET", TARGET, "route 'r0' expects POST /r0/v1/chat?alt=sse, got GET"),
        ("POST", "/v1/chat", "route 'r0' expects POST /r0/v1/chat?alt=sse"),
    ],
)
async def test_wrong_method_or_path_is_404(
    server: ReplayServer,
    tmp_path: Path,
    session: aiohttp.ClientSession,
    method: str,
    suffix: str,
    expected: str,
) -> None:
    add(server, tmp_path)
    async with session.request(method, server.base_url("r0") + suffix) as response:
        assert response.status == 404
        assert expected in await response.text()
    assert server.hits("r0") == 0


async def test_unknown_route_is_404_listing_routes(
    server: ReplayServer, tmp_path: Path, session: aiohttp.ClientSession
) -> None:
    add(server, tmp_path)
    async with session.post(f"http://127.0.0.1:{server.port}/nope{TARGET}") as response:
        assert response.status == 404
        assert await response.text() == "no route 'nope'; known routes: r0\n"
    assert server.requests[0].route is None


async def test_requests_are_recorded(
    server: ReplayServer, tmp_path: Path, session: aiohttp.ClientSession
) -> None:
    url = add(server, tmp_path)
    async with session.post(url, json={"q": 1}, headers={"Authorization": "Bearer k"}) as response:
        await response.read()
    [request] = server.requests
    assert (request.route, request.method, request.path, request.query) == (
        "r0",
        "POST",
        "/v1/chat",
        "alt=sse",
    )
    assert request.headers["Authorization"] == "Bearer k"
    assert request.json() == {"q": 1}
    assert (request.size, request.sha256) == (
        len(b'{"q": 1}'),
        hashlib.sha256(b'{"q": 1}').hexdigest(),
    )


async def test_a_long_request_body_is_kept_in_part(
    server: ReplayServer, tmp_path: Path, session: aiohttp.ClientSession
) -> None:
    url = add(server, tmp_path)
    body = bytes(range(256)) * (KEPT_BODY_BYTES // 128)
    async with session.post(url, data=body) as response:
        await response.read()
    [request] = server.requests
    assert request.body == body[:KEPT_BODY_BYTES]
    assert (request.size, request.sha256) == (len(body), hashlib.sha256(body).hexdigest())
    with pytest.raises(ValueError, match=f"only the first {KEPT_BODY_BYTES} of {len(body)} bytes"):
        request.json()


async def test_close_ends_a_stalled_stream(tmp_path: Path, session: aiohttp.ClientSession) -> None:
    replay = ReplayServer()
    await replay.start()
    url = add(replay, tmp_path, fault=Fault(stall_after=0))
    response = await session.post(url, json={})
    started = time.monotonic()
    await replay.close()
    await replay.close()  # a second close is harmless
    assert time.monotonic() - started < 2
    with pytest.raises(aiohttp.ClientPayloadError):
        await response.read()
    response.release()


def test_route_names_are_checked(tmp_path: Path) -> None:
    replay = ReplayServer()
    recording = load_recording(write(tmp_path, recording_data()))
    assert replay.add(recording) == "chat"
    with pytest.raises(ValueError, match="already taken"):
        replay.add(recording)
    with pytest.raises(ValueError, match="not a plain URL path segment"):
        replay.add(recording, name="a/b")
    with pytest.raises(RuntimeError, match="not started"):
        replay.base_url("chat")


@pytest.mark.parametrize(
    "fault",
    [
        {"stall_after": 1, "reset_after": 2},
        {"status": 500, "html": True},
        {"truncate_after": -1},
        {"times": 0},
        {"status": 99},
        {"status": 101},
        {"status": 304},
    ],
)
def test_contradictory_faults_are_rejected(fault: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        Fault(**fault)
