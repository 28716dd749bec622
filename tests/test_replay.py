"""The recording format and the replay server, exercised over real loopback HTTP."""

from __future__ import annotations

import argparse
import asyncio
import copy
import json
import signal
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from generator._recordings import RecordingError, load_recording, load_recordings
from generator._replay import Fault, ReplayServer, add_serve_arguments, run_serve

ROOT = Path(__file__).parent.parent
# "€" is E2 82 AC: the third and fourth chunks split it, so neither is valid UTF-8 alone.
CHUNKS: list[Any] = [
    'data: {"text":"Hel"}\n\n',
    'data: {"text":"lo"}\n\n',
    {"base64": "ZGF0YTog4oI="},  # b"data: \xe2\x82"
    {"base64": "rAoK"},  # b"\xac\n\n"
    "data: [DONE]\n\n",
]
BODY = 'data: {"text":"Hel"}\n\ndata: {"text":"lo"}\n\ndata: €\n\ndata: [DONE]\n\n'.encode()
TARGET = "/v1/chat?alt=sse"


def recording_data(**response: Any) -> dict[str, Any]:
    """A fresh recording as JSON data; ``response`` keys replace the defaults."""
    data = {
        "description": "two deltas, a split character, then [DONE]",
        "request": {
            "method": "POST",
            "url": f"https://api.example.com{TARGET}",
            "headers": {"Accept": "text/event-stream"},
            "json": {"messages": [{"role": "user", "content": "hi"}]},
        },
        "response": {
            "status": 200,
            "headers": {
                "Content-Type": "text/event-stream",
                "X-Request-Id": "req-1",
                "Content-Length": "999",
            },
            "chunks": CHUNKS,
            "delays": [0.03] * len(CHUNKS),
        }
        | response,
        "expect": {"deltas": ["Hel", "lo"]},
    }
    return copy.deepcopy(data)


def write(directory: Path, data: object, name: str = "chat") -> Path:
    path = directory / f"{name}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.fixture
async def server() -> AsyncIterator[ReplayServer]:
    async with ReplayServer() as replay:
        yield replay


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as client:
        yield client


def add(server: ReplayServer, tmp_path: Path, fault: Fault | None = None, **response: Any) -> str:
    """Add the default recording (with ``response`` overrides) and return its chat URL."""
    recording = load_recording(write(tmp_path, recording_data(**response)))
    name = server.add(recording, name=f"r{len(server.routes)}", fault=fault)
    return server.base_url(name) + TARGET


async def reads_of(
    response: aiohttp.ClientResponse, into: list[bytes] | None = None
) -> list[bytes]:
    """Every read the client made, as separate items; ``into`` keeps them if the read fails."""
    reads = [] if into is None else into
    async for data in response.content.iter_any():
        reads.append(data)
    return reads


# The recording format


def test_load_recording_decodes_chunks_and_keeps_fields(tmp_path: Path) -> None:
    recording = load_recording(write(tmp_path, recording_data()))
    assert recording.name == "chat"
    assert recording.request.method == "POST"
    assert recording.request.target == TARGET
    assert recording.request.json == {"messages": [{"role": "user", "content": "hi"}]}
    assert recording.request.body is None
    assert recording.response.chunks[2:4] == (b"data: \xe2\x82", b"\xac\n\n")
    assert recording.response.body == BODY
    assert recording.response.delays == (0.03,) * 5
    assert recording.expect == {"deltas": ["Hel", "lo"]}


def test_optional_fields_default(tmp_path: Path) -> None:
    data = {
        "request": {"method": "GET", "url": "http://host", "body": "x=1"},
        "response": {"status": 204, "chunks": []},
    }
    recording = load_recording(write(tmp_path, data))
    assert (recording.description, recording.expect) == ("", {})
    assert (recording.request.body, recording.request.json, recording.request.target) == (
        "x=1",
        None,
        "/",
    )
    assert (recording.response.headers, recording.response.delays) == ({}, None)
    assert recording.response.body == b""


def broken(path: list[str | int], value: object) -> dict[str, Any]:
    """The default recording with the value at ``path`` replaced (or removed, for ...)."""
    data = recording_data()
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    if value is ...:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (broken(["response"], ...), "response: missing"),
        (broken(["request", "url"], ...), "request.url: missing"),
        (
            broken(["response", "status"], "200"),
            "response.status: expected an integer, got a string",
        ),
        (broken(["response", "status"], 42), "response.status: not an HTTP status: 42"),
        (
            broken(["response", "chunks"], "data"),
            "response.chunks: expected an array, got a string",
        ),
        (broken(["response", "chunks", 1], 7), "response.chunks[1]: expected a string or"),
        (
            broken(["response", "chunks", 2], {"base64": "@@@"}),
            "response.chunks[2].base64: bad base64",
        ),
        (broken(["response", "chunks", 2], {"b64": "AA=="}), "response.chunks[2].b64: unknown key"),
        (broken(["response", "delays"], [0.1]), "response.delays: has 1 entries for 5 chunks"),
        (broken(["response", "delays", 0], -1), "response.delays[0]: not a non-negative number"),
        (broken(["response", "delays", 0], True), "response.delays[0]: expected a number"),
        (
            broken(["response", "headers", "X-Request-Id"], 1),
            "response.headers.X-Request-Id: expected a string",
        ),
        (broken(["request", "url"], "/v1/chat"), "request.url: not an absolute http(s) URL"),
        (broken(["request", "method"], "post"), "request.method: not an HTTP method"),
        (broken(["request", "body"], "{}"), "request.body: give either 'json' or 'body'"),
        (broken(["expect"], []), "expect: expected an object, got an array"),
        (broken(["delays"], []), "delays: unknown key"),
        ([], "(file): expected an object, got an array"),
    ],
)
def test_load_errors_name_path_and_key(tmp_path: Path, data: object, message: str) -> None:
    path = write(tmp_path, data)
    with pytest.raises(RecordingError) as caught:
        load_recording(path)
    assert str(caught.value).startswith(f"{path}: {message}")


def test_load_errors_for_unreadable_files(tmp_path: Path) -> None:
    bad_json = tmp_path / "bad.json"
    bad_json.write_text('{"request": ', encoding="utf-8")
    with pytest.raises(RecordingError, match=r"bad\.json: \(file\): invalid JSON at line 1"):
        load_recording(bad_json)
    with pytest.raises(RecordingError, match=r"missing\.json: \(file\): cannot read"):
        load_recording(tmp_path / "missing.json")


def test_load_recordings_expands_directories_sorted(tmp_path: Path) -> None:
    (tmp_path / "dir").mkdir()
    for name in ("b", "a"):
        write(tmp_path / "dir", recording_data(), name)
    (tmp_path / "dir" / "notes.txt").write_text("not a recording", encoding="utf-8")
    single = write(tmp_path, recording_data(), "single")
    recordings = load_recordings([single, tmp_path / "dir"])
    assert [recording.name for recording in recordings] == ["single", "a", "b"]


# Serving


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
    ],
)
def test_contradictory_faults_are_rejected(fault: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        Fault(**fault)


# The serve command


def serve_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="serve")
    add_serve_arguments(parser)
    return parser


def test_serve_arguments_parse() -> None:
    args = serve_parser().parse_args(
        ["a.json", "dir", "--port", "0", "--pace", "--status", "429", "--stall-after", "5"]
    )
    assert args.recordings == [Path("a.json"), Path("dir")]
    assert (args.port, args.pace, args.status, args.stall_after) == (0, True, 429, 5)
    assert (args.truncate_after, args.reset_after, args.drip, args.html) == (
        None,
        None,
        None,
        False,
    )


@pytest.mark.parametrize(
    "argv",
    [
        ["a.json", "--stall-after", "1", "--reset-after", "2"],
        ["a.json", "--status", "500", "--html"],
        ["a.json", "--truncate-after", "-1"],
        ["a.json", "--drip", "-0.5"],
        ["a.json", "--status", "1000"],
        [],
    ],
)
def test_serve_rejects_bad_arguments(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        serve_parser().parse_args(argv)
    assert caught.value.code == 2
    capsys.readouterr()


def test_serve_bad_recording_exits_1_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, broken(["response", "status"], ...))
    assert run_serve(serve_parser().parse_args([str(path)])) == 1
    captured = capsys.readouterr()
    assert captured.err == f"{path}: response.status: missing\n"
    assert captured.out == ""


async def test_serve_prints_routes_serves_and_stops_on_ctrl_c(
    tmp_path: Path, session: aiohttp.ClientSession
) -> None:
    for provider in ("one", "two"):
        (tmp_path / provider).mkdir()
        write(tmp_path / provider, recording_data())
    script = (
        "import argparse, sys\n"
        "from generator._replay import add_serve_arguments, run_serve\n"
        "parser = argparse.ArgumentParser()\n"
        "add_serve_arguments(parser)\n"
        "sys.exit(run_serve(parser.parse_args(sys.argv[1:])))\n"
    )
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        script,
        str(tmp_path / "one"),
        str(tmp_path / "two"),
        "--port",
        "0",
        "--truncate-after",
        "10",
        cwd=ROOT,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        assert process.stdout is not None
        lines = [await asyncio.wait_for(process.stdout.readline(), 10) for _ in range(2)]
        names = [line.decode().split()[0] for line in lines]
        assert names == ["one-chat", "two-chat"]
        method, url = lines[0].decode().split()[1:]
        assert method == "POST"
        assert url.startswith("http://127.0.0.1:") and url.endswith(f"/one-chat{TARGET}")
        async with session.post(url, json={}) as response:
            assert await response.read() == BODY[:10]
        process.send_signal(signal.SIGINT)
        _, stderr = await asyncio.wait_for(process.communicate(), 10)
    finally:
        if process.returncode is None:
            process.kill()
            await process.communicate()
    assert process.returncode == 0
    assert b"Traceback" not in stderr
