"""A loopback HTTP proxy that forwards a call's requests upstream and notes each answer read by
read.

A provider is pointed at it with a ``base_url`` mapping: each origin the call reaches to a path
prefix of the proxy's own (``/0``, ``/1``, ...). The proxy sends each request on to its real
origin as the provider sent it, and streams the answer back as it arrives, keeping each read of
the body and the delay before it; a WebSocket it connects upstream and relays, keeping each
message either side sent. That is what a recording holds.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
from dataclasses import dataclass, field
from types import TracebackType

import aiohttp
from aiohttp import web
from multidict import CIMultiDict
from yarl import URL

from generator.runtime._config import Timeouts
from generator.runtime._websocket import Redirected, socket_session

__all__ = ["Exchange", "RecordingProxy"]

_HOST = "127.0.0.1"
_HOP_BY_HOP = frozenset(
    {"connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding"}
    | {"upgrade"}
)
"""Headers about one connection, never passed on."""
_NOT_FORWARDED = _HOP_BY_HOP | {"host", "content-length"}
_HANDSHAKE = frozenset(
    {
        "sec-websocket-key",
        "sec-websocket-version",
        "sec-websocket-extensions",
        "sec-websocket-accept",
    }
)
"""A WebSocket handshake's own headers: each side makes its own."""
# The body is passed on decompressed, so these no longer describe it.
_NOT_RETURNED = _HOP_BY_HOP | {"content-encoding", "content-length"}
_SHUTDOWN_TIMEOUT = 0.5


@dataclass(frozen=True)
class Upstream:
    """Where the requests under one prefix of the proxy go: ``origin``, as the recording names
    it, reached at ``url`` (itself, or the ``--base-url``), with ``authorization`` added."""

    origin: str
    url: str
    authorization: str | None = None


@dataclass
class Exchange:
    """The request the proxy received and the answer it got for it, as it arrived."""

    origin: str
    """The origin it went to, as the recording names it."""
    method: str
    target: str
    """The path and query, exactly as sent."""
    headers: CIMultiDict[str]
    body: bytes
    status: int | None = None
    response_headers: CIMultiDict[str] = field(default_factory=CIMultiDict)
    chunks: list[bytes] = field(default_factory=list)
    delays: list[float] = field(default_factory=list)
    """Seconds before each read: the first from the answer's headers."""
    failure: str | None = None
    """Why the exchange is not whole: upstream unreachable, or its body broke off."""
    messages: list[tuple[str, str]] | None = None
    """A WebSocket's messages, in order, each with the side that sent it (client, server)."""
    done: asyncio.Event = field(default_factory=asyncio.Event)


class RecordingProxy:
    """Serves on 127.0.0.1 (a free port) and forwards what comes under ``/<n>`` to
    ``upstreams[n]``, noting each exchange in ``exchanges``, in the order they came."""

    def __init__(self, upstreams: list[Upstream], timeouts: Timeouts) -> None:
        self.upstreams = upstreams
        self.exchanges: list[Exchange] = []
        self._timeout = aiohttp.ClientTimeout(
            total=timeouts.total, sock_connect=timeouts.connect, sock_read=timeouts.idle
        )
        self._runner: web.ServerRunner | None = None
        self._session: aiohttp.ClientSession | None = None
        self.url = ""
        """The proxy's base URL, once started."""

    def base_urls(self) -> dict[str, str]:
        """The ``base_url`` mapping that points each upstream's origin at the proxy."""
        return {upstream.origin: f"{self.url}/{n}" for n, upstream in enumerate(self.upstreams)}

    async def __aenter__(self) -> RecordingProxy:
        # No handler_cancellation: a provider that stops reading at the end of its answer
        # leaves the rest of the body to be read and kept all the same.
        runner = web.ServerRunner(web.Server(self._handle), shutdown_timeout=_SHUTDOWN_TIMEOUT)
        await runner.setup()
        await web.TCPSite(runner, _HOST, 0).start()
        self._runner = runner
        # Cookies go as the provider sent them: the proxy keeps none of its own.
        self._session = aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar())
        self.url = f"http://{_HOST}:{runner.addresses[0][1]}"
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
        if self._session is not None:
            await self._session.close()

    async def _handle(self, request: web.BaseRequest) -> web.StreamResponse:
        prefix, _, rest = request.raw_path.lstrip("/").partition("/")
        if not prefix.isdigit() or int(prefix) >= len(self.upstreams):
            return web.Response(status=404, text=f"no upstream under /{prefix}\n")
        upstream = self.upstreams[int(prefix)]
        exchange = Exchange(
            upstream.origin,
            request.method,
            "/" + rest,
            CIMultiDict(request.headers),
            await request.read(),
        )
        self.exchanges.append(exchange)
        try:
            if request.headers.get("Upgrade", "").lower() == "websocket":
                return await self._relay_socket(request, exchange, upstream)
            return await self._forward(request, exchange, upstream)
        finally:
            exchange.done.set()

    def _forwarded(self, exchange: Exchange, upstream: Upstream) -> CIMultiDict[str] | None:
        """The headers to send upstream; None (the failure noted) when they cannot be."""
        headers = CIMultiDict(
            (name, value)
            for name, value in exchange.headers.items()
            if name.lower() not in _NOT_FORWARDED | _HANDSHAKE
        )
        if upstream.authorization is not None:
            if "Authorization" in headers:
                exchange.failure = (
                    "the --base-url has credentials, but the provider sends its own "
                    "Authorization header"
                )
                return None
            headers["Authorization"] = upstream.authorization
        return headers

    async def _relay_socket(
        self, request: web.BaseRequest, exchange: Exchange, upstream: Upstream
    ) -> web.StreamResponse:
        """Connect to the upstream WebSocket, and relay both ways what each side sends."""
        assert self._session is not None  # started
        headers = self._forwarded(exchange, upstream)
        if headers is None:
            return web.Response(status=502, text=exchange.failure or "")
        url = URL(upstream.url + exchange.target, encoded=True)
        # The runtime never follows a handshake's redirect: the recording must not either.
        connecting = socket_session(aiohttp.DummyCookieJar(), self._timeout)
        try:
            async with connecting as session:
                far = await session.ws_connect(url, headers=headers, timeout=_SOCKET_TIMEOUT)
                return await self._pump_both(request, exchange, far)
        except (aiohttp.ClientError, TimeoutError, Redirected) as error:
            exchange.failure = f"WebSocket {url}: could not connect: {error!r}"
            return web.Response(status=502, text=exchange.failure)

    async def _pump_both(
        self,
        request: web.BaseRequest,
        exchange: Exchange,
        far: aiohttp.ClientWebSocketResponse,
    ) -> web.StreamResponse:
        """Relay what each side of a connected socket sends to the other, noting it."""
        exchange.status = 101
        exchange.messages = []
        near = web.WebSocketResponse()
        await near.prepare(request)
        async with far:
            pumps = [
                asyncio.ensure_future(_pump(near, far, "client", exchange.messages)),
                asyncio.ensure_future(_pump(far, near, "server", exchange.messages)),
            ]
            await asyncio.wait(pumps, return_when=asyncio.FIRST_COMPLETED)
            for pump in pumps:
                pump.cancel()
            await asyncio.gather(*pumps, return_exceptions=True)
        await near.close()
        return near

    async def _forward(
        self, request: web.BaseRequest, exchange: Exchange, upstream: Upstream
    ) -> web.StreamResponse:
        assert self._session is not None  # started
        headers = self._forwarded(exchange, upstream)
        if headers is None:
            return web.Response(status=502, text=exchange.failure or "")
        url = URL(upstream.url + exchange.target, encoded=True)
        response: web.StreamResponse | None = None
        try:
            async with self._session.request(
                exchange.method,
                url,
                headers=headers,
                data=exchange.body or None,
                allow_redirects=False,
                timeout=self._timeout,
            ) as answer:
                response = self._response(exchange, answer)
                await self._relay(request, exchange, answer, response)
        except (aiohttp.ClientError, TimeoutError) as error:
            reason = str(error) or type(error).__name__
            what = "could not be reached" if response is None else "broke off"
            exchange.failure = f"{exchange.method} {url}: the upstream {what}: {reason}"
            if response is None:
                return web.Response(status=502, text=exchange.failure)
            if request.transport is not None:
                request.transport.abort()  # the provider must not take half a body for whole
        return response

    @staticmethod
    def _response(exchange: Exchange, upstream: aiohttp.ClientResponse) -> web.StreamResponse:
        """The answer to give the provider: ``upstream``'s status and headers, noted; a cookie
        without its ``Domain`` and ``Secure``, which would keep it from going back over the
        proxy's plain HTTP (and a replay's)."""
        exchange.status = upstream.status
        exchange.response_headers = CIMultiDict(
            (name, _loopback_cookie(value) if name.lower() == "set-cookie" else value)
            for name, value in upstream.headers.items()
            if name.lower() not in _NOT_RETURNED
        )
        return web.StreamResponse(status=upstream.status, headers=exchange.response_headers)

    @staticmethod
    async def _relay(
        request: web.BaseRequest,
        exchange: Exchange,
        upstream: aiohttp.ClientResponse,
        response: web.StreamResponse,
    ) -> None:
        """Stream ``upstream``'s body back, noting each read and the delay before it."""
        connected = True
        try:
            await response.prepare(request)
        except ConnectionError:
            connected = False
        loop = asyncio.get_running_loop()
        last = loop.time()
        async for chunk in upstream.content.iter_any():
            now = loop.time()
            exchange.chunks.append(chunk)
            exchange.delays.append(round(now - last, 3))
            last = now
            if connected:
                try:
                    await response.write(chunk)
                except ConnectionError:  # the provider has read what it needs: read on
                    connected = False
        if connected:
            with contextlib.suppress(ConnectionError):
                await response.write_eof()


_SOCKET_TIMEOUT = aiohttp.ClientWSTimeout(ws_close=1.0)


async def _pump(
    source: web.WebSocketResponse | aiohttp.ClientWebSocketResponse,
    sink: web.WebSocketResponse | aiohttp.ClientWebSocketResponse,
    side: str,
    messages: list[tuple[str, str]],
) -> None:
    """Pass on each text (or binary, as UTF-8) message ``source`` sends, noting it, until it
    closes."""
    async for message in source:
        if message.type is aiohttp.WSMsgType.TEXT:
            text = str(message.data)
        elif message.type is aiohttp.WSMsgType.BINARY:
            text = bytes(message.data).decode("utf-8", "replace")
        else:
            break
        messages.append((side, text))
        await sink.send_str(text)


_COOKIE_ATTRIBUTES_DROPPED = re.compile(r";\s*(?:domain=[^;]*|secure)(?=\s*(?:;|$))", re.IGNORECASE)


def _loopback_cookie(set_cookie: str) -> str:
    """A ``Set-Cookie`` value without its ``Domain`` and ``Secure`` attributes."""
    return _COOKIE_ATTRIBUTES_DROPPED.sub("", set_cookie)
