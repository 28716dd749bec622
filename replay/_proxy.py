"""A loopback HTTP proxy that forwards one request upstream and notes the answer read by read.

A provider is pointed at it with ``base_url``; the proxy sends the request on to the real
endpoint as the provider sent it, and streams the answer back as it arrives, keeping each read
of the body and the delay before it: what a recording holds.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field
from types import TracebackType

import aiohttp
from aiohttp import web
from multidict import CIMultiDict
from yarl import URL

from generator.runtime._config import Timeouts

__all__ = ["Exchange", "RecordingProxy"]

_HOST = "127.0.0.1"
_HOP_BY_HOP = frozenset(
    {"connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding"}
    | {"upgrade"}
)
"""Headers about one connection, never passed on."""
_NOT_FORWARDED = _HOP_BY_HOP | {"host", "content-length"}
# The body is passed on decompressed, so these no longer describe it.
_NOT_RETURNED = _HOP_BY_HOP | {"content-encoding", "content-length"}
_SHUTDOWN_TIMEOUT = 0.5


@dataclass
class Exchange:
    """The request the proxy received and the answer it got for it, as it arrived."""

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
    done: asyncio.Event = field(default_factory=asyncio.Event)


class RecordingProxy:
    """Serves on 127.0.0.1 (a free port) and forwards the first request to ``upstream``.

    ``upstream`` is the scheme, host, port and path prefix the request's path and query go
    below; ``authorization`` is a header value to add upstream (the Basic credentials of a
    ``--base-url``). Later requests are refused: a recording holds one exchange.
    """

    def __init__(self, upstream: str, timeouts: Timeouts, authorization: str | None) -> None:
        self.upstream = upstream.rstrip("/")
        self.exchange: Exchange | None = None
        self._timeout = aiohttp.ClientTimeout(
            total=timeouts.total, sock_connect=timeouts.connect, sock_read=timeouts.idle
        )
        self._authorization = authorization
        self._runner: web.ServerRunner | None = None
        self._session: aiohttp.ClientSession | None = None
        self.url = ""
        """The proxy's base URL, once started."""

    async def __aenter__(self) -> RecordingProxy:
        # No handler_cancellation: a provider that stops reading at the end of its answer
        # leaves the rest of the body to be read and kept all the same.
        runner = web.ServerRunner(web.Server(self._handle), shutdown_timeout=_SHUTDOWN_TIMEOUT)
        await runner.setup()
        await web.TCPSite(runner, _HOST, 0).start()
        self._runner = runner
        self._session = aiohttp.ClientSession()
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
        if self.exchange is not None:
            return web.Response(status=503, text="the recorder forwards one request\n")
        exchange = Exchange(
            request.method, request.raw_path, CIMultiDict(request.headers), await request.read()
        )
        self.exchange = exchange
        try:
            return await self._forward(request, exchange)
        finally:
            exchange.done.set()

    async def _forward(self, request: web.BaseRequest, exchange: Exchange) -> web.StreamResponse:
        assert self._session is not None  # started
        headers = CIMultiDict(
            (name, value)
            for name, value in exchange.headers.items()
            if name.lower() not in _NOT_FORWARDED
        )
        if self._authorization is not None:
            if "Authorization" in headers:
                exchange.failure = (
                    "the --base-url has credentials, but the provider sends its own "
                    "Authorization header"
                )
                return web.Response(status=502, text=exchange.failure)
            headers["Authorization"] = self._authorization
        url = URL(self.upstream + exchange.target, encoded=True)
        response: web.StreamResponse | None = None
        try:
            async with self._session.request(
                exchange.method,
                url,
                headers=headers,
                data=exchange.body or None,
                allow_redirects=False,
                timeout=self._timeout,
            ) as upstream:
                response = self._response(exchange, upstream)
                await self._relay(request, exchange, upstream, response)
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
        """The answer to give the provider: ``upstream``'s status and headers, noted."""
        exchange.status = upstream.status
        exchange.response_headers = CIMultiDict(
            (name, value)
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
