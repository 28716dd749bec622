"""A loopback HTTP server that replays recordings chunk by chunk, with fault injection.

Mocks such as aioresponses hand the client the whole body as one chunk; this server writes each
recorded chunk with its own ``write()`` so the client sees real multi-chunk delivery, and it can
misbehave the ways real servers do (error statuses, stalls, truncation, resets, HTML pages).

A recording of several exchanges (a flow: steps, a WebSocket) is served exchange by exchange,
each request checked against the recorded one (``_matching``): a request that differs is
answered 400 and noted in ``problems``, so a test sees at once what the client got wrong.
"""

from __future__ import annotations

import asyncio
import hashlib
import itertools
import json
import re
import socket
import struct
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Literal
from urllib.parse import parse_qsl, unquote, urlsplit

from aiohttp import WSMessage, WSMsgType, web
from multidict import CIMultiDict

from ._aws import AWS_SIGNATURE, AwsSignatures
from ._matching import (
    ANY,
    filled,
    json_differences,
    pairs_match,
    request_differences,
    text_matches,
)
from ._recordings import RecordedExchange, RecordedResponse, Recording, status_problem

__all__ = ["HOST", "KEPT_BODY_BYTES", "Fault", "ReceivedRequest", "ReplayServer"]

KEPT_BODY_BYTES = 64 * 1024
"""How much of each request's body the server keeps: enough for any prompt a test checks."""

HOST = "127.0.0.1"
# Framing headers describe the recorded transfer, not this one; aiohttp sets its own.
_HOP_BY_HOP = frozenset(
    {"connection", "content-encoding", "content-length", "keep-alive", "transfer-encoding"}
)
_ROUTE_NAME = re.compile(r"[A-Za-z0-9._~-]+")
_HTML_PAGE = (
    b"<!DOCTYPE html>\n<html><head><title>Just a moment...</title></head>\n"
    b"<body><h1>Checking your browser</h1><p>This page is not an event stream.</p></body></html>\n"
)
# How long close() lets aiohttp wait for connections after cancelling handlers.
_SHUTDOWN_TIMEOUT = 0.5
_MESSAGE_WAIT = 10.0
"""Seconds a flow's WebSocket waits for each message the client is to send."""


@dataclass(frozen=True)
class Fault:
    """A way to misbehave; body limits count body bytes, not chunked-encoding framing."""

    status: int | None = None
    body: bytes = b""
    headers: Mapping[str, str] = field(default_factory=dict)
    stall_after: int | None = None
    truncate_after: int | None = None
    reset_after: int | None = None
    drip: float | None = None
    html: bool = False
    times: int | None = None

    def __post_init__(self) -> None:
        limits = [self.stall_after, self.truncate_after, self.reset_after]
        if sum(limit is not None for limit in limits) > 1:
            raise ValueError("give at most one of stall_after, truncate_after, reset_after")
        if any(limit is not None and limit < 0 for limit in limits):
            raise ValueError("byte limits must be >= 0")
        if self.status is not None and self.html:
            raise ValueError("give either status or html, not both")
        problem = None if self.status is None else status_problem(self.status)
        if problem is not None:
            raise ValueError(problem)
        if self.drip is not None and self.drip < 0:
            raise ValueError("drip must be >= 0 seconds")
        if self.times is not None and self.times < 1:
            raise ValueError("times must be >= 1 (None means always)")


@dataclass(frozen=True)
class ReceivedRequest:
    """One request received: ``path`` follows the route prefix, ``query`` is the raw query string.

    ``route`` is None (and ``path`` the whole path) when no route has the requested name.
    """

    route: str | None
    method: str
    path: str
    query: str
    headers: dict[str, str]
    body: bytes
    """The body's first ``KEPT_BODY_BYTES``: a server under load keeps no more of each."""
    size: int
    """The body's whole length in bytes."""
    sha256: str
    """The whole body's SHA-256, in hex: to compare bodies too long to keep."""

    def json(self) -> object:
        """The body decoded as JSON (if it was kept whole)."""
        if len(self.body) != self.size:
            raise ValueError(f"only the first {len(self.body)} of {self.size} bytes were kept")
        return json.loads(self.body)


@dataclass(frozen=True)
class _Route:
    recording: Recording
    fault: Fault | None
    checked: bool = False
    """Whether each request is checked against the recorded one (a flow's always is)."""

    @property
    def method(self) -> str:
        return self.recording.request.method

    @property
    def target(self) -> str:
        return self.recording.request.target

    def matches(self, method: str, path: str, query: str) -> bool:
        """Same method, same decoded path, same query pairs in any order.

        A recorded query value ``<NAME>`` stands for a secret, and ``<*>`` for anything a call
        makes anew: any value matches either.
        """
        recorded = urlsplit(self.target)
        if method != self.method or path != unquote(recorded.path):
            return False
        expected, got = parse_qsl(recorded.query, True), parse_qsl(query, True)
        return pairs_match(expected, got, {})


Ending = Literal["finish", "stall", "reset"]


@dataclass(frozen=True)
class _Plan:
    """What to send: status, headers, (wait, bytes) steps, then how the response ends."""

    status: int
    headers: CIMultiDict[str]
    steps: list[tuple[float, bytes]]
    ending: Ending


class ReplayServer:
    """Serves each added recording under ``/<route name>`` on 127.0.0.1 (``port`` 0: a free one).

    ``requests`` lists every request received, in order, whether or not a route answered it.
    ``values`` are what ``<name>`` stands for in a flow's recording (see ``_matching``);
    ``problems`` says how each request of a flow that was not the recorded one differed.
    """

    def __init__(
        self,
        *,
        pace: bool = False,
        port: int = 0,
        values: Mapping[str, str] | None = None,
        aws: AwsSignatures | None = None,
    ) -> None:
        self.pace = pace
        self._listen_port = port
        self.values = dict(values or {})
        self.aws = aws
        """With it, a request to a route whose recording is signed with AWS Signature
        Version 4 must carry a good signature, checked with its credentials, or is answered
        403 as AWS answers (and the reason noted in ``problems``)."""
        self.requests: list[ReceivedRequest] = []
        self.problems: list[str] = []
        self._routes: dict[str, _Route] = {}
        self._hits: Counter[str] = Counter()
        self._served: Counter[str] = Counter()
        """How many exchanges of each flow have been served."""
        self._handlers: set[asyncio.Task[object]] = set()
        self._runner: web.ServerRunner | None = None
        self._port: int | None = None

    def add(
        self,
        recording: Recording,
        *,
        name: str | None = None,
        fault: Fault | None = None,
        checked: bool = False,
    ) -> str:
        """Serve ``recording`` under ``/<name>`` (default: the recording's name); return the name.

        With ``checked`` (always, for a flow), each request is checked against the recorded
        one, exchange by exchange: what differs is answered 400 and noted in ``problems``.
        """
        route = recording.name if name is None else name
        if not _ROUTE_NAME.fullmatch(route) or route in (".", ".."):
            raise ValueError(f"route name {route!r} is not a plain URL path segment")
        if route in self._routes:
            raise ValueError(f"route name {route!r} is already taken")
        if fault is not None and (checked or recording.is_flow):
            raise ValueError("a checked route serves what was recorded: give it no fault")
        self._routes[route] = _Route(recording, fault, checked)
        return route

    async def start(self) -> None:
        """Start listening on 127.0.0.1."""
        # handler_cancellation: a client that goes away cancels its handler, ending stalls.
        server = web.Server(self._handle, handler_cancellation=True)
        runner = web.ServerRunner(server, shutdown_timeout=_SHUTDOWN_TIMEOUT)
        await runner.setup()
        await web.TCPSite(runner, HOST, self._listen_port).start()
        self._runner = runner
        self._port = int(runner.addresses[0][1])

    async def close(self) -> None:
        """Stop serving; handlers still streaming or stalled are cancelled. Safe to call twice."""
        if self._runner is None:
            return
        runner, self._runner = self._runner, None
        for task in list(self._handlers):
            task.cancel()
        await runner.cleanup()

    async def __aenter__(self) -> ReplayServer:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()

    @property
    def port(self) -> int:
        """The port listened on; only known once started."""
        if self._port is None:
            raise RuntimeError("the server is not started")
        return self._port

    def base_url(self, name: str) -> str:
        """The URL a client uses as its base URL to reach route ``name``."""
        if name not in self._routes:
            raise KeyError(f"no route named {name!r}")
        return f"http://{HOST}:{self.port}/{name}"

    def base_urls(self, name: str) -> dict[str, str]:
        """Each origin the recording of route ``name`` calls, mapped to the route: the
        ``base_url`` that points a whole flow here (``<*>`` in a host, a host picked per call,
        becomes the mapping's ``*``)."""
        recording = self.recording(name)
        origins = {each.request.origin.replace(ANY.lower(), "*") for each in recording.exchanges}
        return {origin: self.base_url(name) for origin in sorted(origins)}

    def served(self, name: str) -> int:
        """How many of a flow's exchanges have been served (a retry counts once)."""
        return self._served[name]

    @property
    def routes(self) -> list[str]:
        """Route names, in the order added."""
        return list(self._routes)

    def recording(self, name: str) -> Recording:
        """The recording route ``name`` answers with."""
        return self._routes[name].recording

    def hits(self, name: str) -> int:
        """How many requests matched route ``name``'s method and path (faulted ones included)."""
        return self._hits[name]

    async def _handle(self, request: web.BaseRequest) -> web.StreamResponse:
        task = asyncio.current_task()
        assert task is not None  # aiohttp runs every handler in a task
        self._handlers.add(task)
        try:
            return await self._answer(request)
        finally:
            self._handlers.discard(task)

    async def _answer(self, request: web.BaseRequest) -> web.StreamResponse:
        name, path = _split_route(request.path)
        route = self._routes.get(name)
        self.requests.append(
            ReceivedRequest(
                route=name if route is not None else None,
                method=request.method,
                path=path if route is not None else request.path,
                query=request.query_string,
                headers=dict(request.headers),
                **await _kept_body(request),
            )
        )
        if route is None:
            known = ", ".join(sorted(self._routes)) or "(none)"
            return web.Response(status=404, text=f"no route {name!r}; known routes: {known}\n")
        refused = self._signature_problem(request, route)
        if refused is not None:
            self.problems.append(f"{name}: {refused}")
            return web.json_response(
                {"message": refused},
                status=403,
                headers={"x-amzn-ErrorType": "InvalidSignatureException"},
            )
        if route.checked or route.recording.is_flow:
            return await self._flow(request, name, path, route)
        if not route.matches(request.method, path, request.query_string):
            expected = f"{route.method} /{name}{route.target}"
            got = f"{request.method} {request.path_qs}"
            return web.Response(status=404, text=f"route {name!r} expects {expected}, got {got}\n")
        self._hits[name] += 1
        fault = route.fault
        if fault is not None and fault.times is not None and self._hits[name] > fault.times:
            fault = None
        return await _send(request, _plan(route.recording.response, fault, pace=self.pace))

    def _signature_problem(self, request: web.BaseRequest, route: _Route) -> str | None:
        """Why a request to a route whose recording is signed fails AWS's check, if it does."""
        recorded = route.recording.request.headers
        signed = any(
            name.lower() == "authorization" and value.startswith(AWS_SIGNATURE)
            for name, value in recorded.items()
        )
        if self.aws is None or not signed:
            return None
        received = self.requests[-1]
        if received.size > len(received.body):
            return "the body is too long for the replay server to check its signature"
        return self.aws.problem(request.method, request.raw_path, request.headers, received.body)

    async def _flow(
        self, request: web.BaseRequest, name: str, path: str, route: _Route
    ) -> web.StreamResponse:
        """The flow's next exchange, if ``request`` is its request; or the one before again,
        if ``request`` is that one's (a retry)."""
        exchanges = route.recording.exchanges
        position = self._served[name]
        received = self.requests[-1]
        differences: list[str] = []
        for index in (position, position - 1):
            if not 0 <= index < len(exchanges):
                continue
            found = request_differences(
                exchanges[index].request,
                request.method,
                path,
                request.query_string,
                CIMultiDict(request.headers),
                received.body,
                self.values,
            )
            if not found:
                self._served[name] = max(position, index + 1)
                self._hits[name] += 1
                return await self._exchange(request, name, exchanges[index])
            differences = differences or found
        where = f"{name}: request {position + 1}"
        if position >= len(exchanges):
            differences = [f"the recording has {len(exchanges)} exchanges"]
        self.problems.append(f"{where}: " + "; ".join(differences))
        return web.Response(status=400, text=f"{where} is not the recorded one\n")

    async def _exchange(
        self, request: web.BaseRequest, name: str, exchange: RecordedExchange
    ) -> web.StreamResponse:
        if exchange.response is not None:
            response = _filled_response(exchange.response, self.values)
            return await _send(request, _plan(response, None, pace=self.pace))
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        for index, message in enumerate(exchange.messages or ()):
            if message.side == "server":
                await socket.send_str(filled(message.text or "", self.values))
                continue
            received = await socket.receive(timeout=_MESSAGE_WAIT)
            problem = _message_problem(message.text, message.json, received, self.values)
            if problem is not None:
                self.problems.append(f"{name}: message {index + 1}: {problem}")
                await socket.close(code=1008, message=b"not the recorded message")
                return socket
        await socket.close()
        return socket


async def _kept_body(request: web.BaseRequest) -> dict[str, Any]:
    """A prefix of the body, its size and its digest, read without holding it all."""
    digest = hashlib.sha256()
    kept = bytearray()
    size = 0
    async for chunk in request.content.iter_chunked(64 * 1024):
        digest.update(chunk)
        size += len(chunk)
        if len(kept) < KEPT_BODY_BYTES:
            kept += chunk[: KEPT_BODY_BYTES - len(kept)]
    return {"body": bytes(kept), "size": size, "sha256": digest.hexdigest()}


def _split_route(path: str) -> tuple[str, str]:
    """``/name/api/chat`` -> ``("name", "/api/chat")``; the rest is ``/`` when empty."""
    name, _, rest = path.lstrip("/").partition("/")
    return name, f"/{rest}"


def _message_problem(
    text: str | None, document: object, received: WSMessage, values: Mapping[str, str]
) -> str | None:
    """How a client's message differs from the recorded one, or None."""
    if received.type is not WSMsgType.TEXT:
        return f"a {received.type.name} message, not text"
    sent = str(received.data)
    if text is not None:
        return None if text_matches(text, sent, values) else f"{sent[:200]!r}"
    try:
        decoded = json.loads(sent.rstrip("\x1e"))
    except ValueError:
        return f"not JSON: {sent[:200]!r}"
    differences = json_differences(document, decoded, values)
    return "; ".join(differences) if differences else None


_PLACEHOLDER = re.compile(rb"<[A-Za-z_][A-Za-z0-9_]*>")


def _filled_response(response: RecordedResponse, values: Mapping[str, str]) -> RecordedResponse:
    """``response`` with each ``<name>`` the test gave a value for replaced, in its headers
    and its body; a chunk that ends inside a placeholder ends after it instead."""
    headers = {name: filled(value, values) for name, value in response.headers.items()}
    body = response.body
    found = [
        (match.start(), match.end(), values[match.group()[1:-1].decode()].encode())
        for match in _PLACEHOLDER.finditer(body)
        if match.group()[1:-1].decode() in values
    ]
    if not found:
        return RecordedResponse(response.status, headers, response.chunks, response.delays)

    def moved(end: int) -> int:
        shift = 0
        for start, stop, value in found:
            if start < end < stop:
                end = stop
            if stop > end:
                break
            shift += len(value) - (stop - start)
        return end + shift

    def value(match: re.Match[bytes]) -> bytes:
        name = match.group()[1:-1].decode()
        return values[name].encode() if name in values else match.group()

    whole = _PLACEHOLDER.sub(value, body)
    ends = sorted({moved(end) for end in itertools.accumulate(map(len, response.chunks))})
    chunks = tuple(whole[start:end] for start, end in itertools.pairwise([0, *ends]))
    delays = response.delays if len(chunks) == len(response.chunks) else None
    return RecordedResponse(response.status, headers, chunks, delays)


def _plan(response: RecordedResponse, fault: Fault | None, *, pace: bool) -> _Plan:
    """Turn a recorded response and an optional fault into the exact bytes and waits to send."""
    waits = response.delays if pace and response.delays is not None else None
    steps = [(waits[i] if waits else 0.0, chunk) for i, chunk in enumerate(response.chunks)]
    status = response.status
    headers = CIMultiDict(
        (name, value) for name, value in response.headers.items() if name.lower() not in _HOP_BY_HOP
    )
    if fault is None:
        return _Plan(status, headers, steps, "finish")
    if fault.status is not None:
        status, steps = fault.status, [(0.0, fault.body)]
        headers = CIMultiDict({"Content-Type": _content_type(fault.body)})
    elif fault.html:
        status, steps = 200, [(0.0, _HTML_PAGE)]
        headers = CIMultiDict({"Content-Type": "text/html; charset=utf-8"})
    headers.update(fault.headers)
    ending: Ending = "finish"
    if fault.stall_after is not None:
        steps, ending = _cut(steps, fault.stall_after), "stall"
    elif fault.reset_after is not None:
        steps, ending = _cut(steps, fault.reset_after), "reset"
    elif fault.truncate_after is not None:
        steps = _cut(steps, fault.truncate_after)
    if fault.drip is not None:
        steps = _drip(steps, fault.drip)
    return _Plan(status, headers, steps, ending)


def _content_type(body: bytes) -> str:
    """Error bodies from LLM APIs are JSON; anything else is sent as plain text."""
    try:
        json.loads(body)
    except ValueError:
        return "text/plain; charset=utf-8"
    return "application/json"


def _cut(steps: list[tuple[float, bytes]], limit: int) -> list[tuple[float, bytes]]:
    """Keep the first ``limit`` body bytes, splitting the chunk that crosses the limit."""
    kept: list[tuple[float, bytes]] = []
    left = limit
    for wait, chunk in steps:
        if left <= 0:
            break
        kept.append((wait, chunk[:left]))
        left -= len(chunk)
    return kept


def _drip(steps: list[tuple[float, bytes]], interval: float) -> list[tuple[float, bytes]]:
    """One step per byte, ``interval`` seconds apart (added to a chunk's own wait)."""
    dripped: list[tuple[float, bytes]] = []
    for wait, chunk in steps:
        for i in range(len(chunk)):
            pause = (wait if i == 0 else 0.0) + (interval if dripped else 0.0)
            dripped.append((pause, chunk[i : i + 1]))
    return dripped


async def _send(request: web.BaseRequest, plan: _Plan) -> web.StreamResponse:
    response = web.StreamResponse(status=plan.status, headers=plan.headers)
    await response.prepare(request)
    for wait, chunk in plan.steps:
        if wait:
            await asyncio.sleep(wait)
        await response.write(chunk)
    if plan.ending == "reset":
        _reset(request)
    if plan.ending != "finish":
        # Cancelled when the client disconnects (handler_cancellation) or the server closes.
        await asyncio.get_running_loop().create_future()
    await response.write_eof()
    return response


def _reset(request: web.BaseRequest) -> None:
    """Abort the connection with a TCP RST (SO_LINGER 0), not an orderly FIN."""
    transport = request.transport
    if transport is None:
        return
    sock = transport.get_extra_info("socket")
    if sock is not None:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    transport.abort()
