"""One call of a provider: an ordered series of exchanges, and what they share.

A call makes its exchanges (for now the streamed request; prior requests and WebSockets come
next) over one session and its cookie jar, within one deadline (the total timeout) and one
budget of retries, and its errors never show its secrets. Every request passes through its
endpoint's :class:`Auth` on every attempt, just before it is sent. ``close()`` ends the call at
once from any task, whatever it is doing: connecting, waiting for an answer, reading one or
waiting to retry.

The cookie jar is the session's: a session of the call's own (made when the caller gives none)
keeps the cookies one exchange is set for the next, from any host, IP addresses included; a
caller's session keeps them as its own jar says.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Mapping
from contextlib import aclosing
from dataclasses import dataclass, field, replace
from typing import Protocol

import aiohttp
from yarl import URL

from ._auth import Auth, Request, Response
from ._config import Retries, Timeouts
from ._exceptions import (
    APIStatusError,
    ConfigurationError,
    ConnectTimeoutError,
    IdleTimeoutError,
    ProviderConnectionError,
    ProviderError,
    ResponseLimitError,
    TLSError,
    TotalTimeoutError,
)
from ._framings import Framing, Origin
from ._responses import check_response
from ._secrets import Redactor
from ._stream import StreamItem

__all__ = ["Call", "CallOptions", "EndpointSettings"]

_RETRY_STATUSES = frozenset({408, 429})


class EndpointSettings(Protocol):
    """What a call needs of the endpoint of an exchange: who it is, how its answer is read,
    how it is retried and what signs its requests (``_endpoint.Endpoint`` has all of it)."""

    @property
    def provider(self) -> str: ...

    @property
    def framing(self) -> Framing: ...

    @property
    def retries(self) -> Retries: ...

    @property
    def max_response_bytes(self) -> int: ...

    @property
    def auth(self) -> Auth | None: ...

    def check_headers(self, headers: Mapping[str, str]) -> None:
        """Refuse a header value that would break the request."""
        ...


@dataclass(frozen=True)
class CallOptions:
    """How a call is made, checked: the caller's session and proxy, the timeouts, the retry
    budget. What may hold a secret is left out of the representation, which a traceback with
    its frames' locals would show."""

    session: aiohttp.ClientSession | None
    proxy: str | None = field(repr=False)
    timeouts: Timeouts
    max_retries: int


class Call:
    """One call: its session, cookie jar, deadline, retry budget and secrets."""

    def __init__(self, options: CallOptions, secrets: list[tuple[str, str]]) -> None:
        self.options = options
        self._secrets = secrets
        self._redactor = Redactor(secrets)
        self.retries_left = options.max_retries
        """Retries the call may still make, all its exchanges together."""
        self._deadline: float | None = None
        self._connection = _Connection()
        self._session: aiohttp.ClientSession | None = None

    def redact(self, text: str) -> str:
        """``text`` with every secret of the call replaced by ``<NAME>``: its variables'
        values, credentials, and what an ``Auth`` added to a request."""
        return self._redactor.text(text)

    def keep_secret(self, value: str, name: str) -> None:
        """Keep ``value`` out of what the call shows, as ``<name>``, from now on."""
        self._secrets.append((value, name))
        self._redactor = Redactor(self._secrets)

    def close(self) -> None:
        """End the call now, from any task."""
        self._connection.close()

    async def run(
        self, exchanges: AsyncGenerator[list[StreamItem], None]
    ) -> AsyncGenerator[list[StreamItem], None]:
        """Make the call's ``exchanges`` (in order, the last streamed: what it yields, read by
        read), over a session that is open meanwhile."""
        total = self.options.timeouts.total
        self._deadline = None if total is None else time.monotonic() + total
        # Closed on the way out, however that is: a connection is released at once.
        async with _session_for(self.options.session) as session, aclosing(exchanges):
            self._session = session
            async for items in exchanges:
                yield items

    def origin(self, endpoint: EndpointSettings, request: Request) -> Origin:
        """Who is streaming from where, for errors, with the call's secrets taken out."""
        return Origin(
            endpoint.provider, self.redact(f"{request.method} {request.url}"), self.redact
        )

    async def stream(
        self, endpoint: EndpointSettings, request: Request
    ) -> AsyncGenerator[list[StreamItem], None]:
        """Send ``request`` and stream what its answer carries, read by read; retry as the
        endpoint's policy and the call's budget allow, before anything has been yielded."""
        origin = self.origin(endpoint, request)
        connection = self._connection
        attempt = 0
        while not connection.closed:
            yielded = False
            connection.answered = False
            try:
                async with aclosing(self._attempt(endpoint, request, origin)) as answer:
                    async for items in answer:
                        yielded = True
                        yield items
                return
            except (aiohttp.ClientError, TimeoutError, ProviderError) as error:
                if connection.closed:
                    return  # close() from another task: the caller asked for the end
                failure = _translate(error, origin)
            delay = None if yielded else self._retry_delay(endpoint, failure, attempt)
            if delay is not None and connection.answered and not endpoint.retries.silent_streams:
                delay = None
            if delay is None:
                # Raised here, outside the handler, and bare: nothing of the request (its
                # URL, its headers) rides along in a cause, a context or a frame's locals.
                raise _bare(failure)
            await connection.sleep(delay)
            self.retries_left -= 1
            attempt += 1

    async def _attempt(
        self, endpoint: EndpointSettings, request: Request, origin: Origin
    ) -> AsyncGenerator[list[StreamItem], None]:
        """One attempt, and what its answer carries; nothing if the call is closed meanwhile."""
        response = await self._connection.open(self._send(endpoint, request, origin))
        if response is None:
            return
        async with response:
            try:
                await check_response(response, endpoint.framing.content_types, origin)
                self._connection.answered = True
                async for items in _read(endpoint, response, origin):
                    yield items
            finally:
                self._connection.response = None

    async def _send(
        self, endpoint: EndpointSettings, request: Request, origin: Origin
    ) -> aiohttp.ClientResponse:
        """The request sent as the endpoint's auth has it for this attempt, within the deadline."""
        session = self._session
        assert session is not None  # opened by run()
        if session.closed:
            raise ConfigurationError(
                "the session is closed", provider=origin.provider, endpoint=origin.endpoint
            )
        attempt = replace(request, headers=dict(request.headers))
        if endpoint.auth is None:
            return await self._deliver(session, attempt, origin)
        async with (
            asyncio.timeout(self._time_left(origin)),
            aclosing(endpoint.auth.auth_flow(attempt)) as flow,
        ):
            outgoing = await flow.__anext__()
            while True:
                self._keep_added_secrets(request, outgoing)
                endpoint.check_headers(outgoing.headers)
                response = await self._deliver(session, outgoing, origin)
                try:
                    outgoing = await flow.asend(Response(response.status, response.headers))
                except StopAsyncIteration:
                    return response
                response.close()  # the auth sends the request again: this answer is done

    def _keep_added_secrets(self, built: Request, outgoing: Request) -> None:
        """Keep what an auth added to the headers out of what the call shows: each value it
        added or changed, and its part after the scheme (``Bearer TOKEN``'s token)."""
        for name, value in outgoing.headers.items():
            if built.headers.get(name) != value:
                shown = name.upper().replace("-", "_")
                self.keep_secret(value, shown)
                self.keep_secret(value.partition(" ")[2], shown)

    async def _deliver(
        self, session: aiohttp.ClientSession, request: Request, origin: Origin
    ) -> aiohttp.ClientResponse:
        timeouts = self.options.timeouts
        timeout = aiohttp.ClientTimeout(
            total=self._time_left(origin), sock_connect=timeouts.connect, sock_read=timeouts.idle
        )
        response: aiohttp.ClientResponse = await session.request(
            request.method,
            URL(request.url, encoded=True),
            headers=request.headers,
            data=request.body or None,
            proxy=self.options.proxy,
            timeout=timeout,
            # A redirect is answered with an error, never followed: it would take the request,
            # secrets and all, somewhere else. And a caller's session decides no error type.
            allow_redirects=False,
            raise_for_status=False,
        )
        return response

    def _time_left(self, origin: Origin) -> float | None:
        if self._deadline is None:
            return None
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise TotalTimeoutError(
                "the total timeout expired", provider=origin.provider, endpoint=origin.endpoint
            )
        return left

    def _retry_delay(
        self, endpoint: EndpointSettings, failure: ProviderError, attempt: int
    ) -> float | None:
        """Seconds to wait before retrying after ``failure``, or None to give up.

        The server's hint is taken over the backoff, but ``max_backoff`` bounds every wait, and
        no wait runs past the total timeout.
        """
        if self.retries_left <= 0 or not _is_retryable(failure):
            return None
        retries = endpoint.retries
        delay = retries.backoff(attempt)
        if isinstance(failure, APIStatusError) and failure.retry_after is not None:
            delay = min(failure.retry_after, retries.max_backoff)
        if self._deadline is not None and time.monotonic() + delay >= self._deadline:
            return None
        return delay


async def _read(
    endpoint: EndpointSettings, response: aiohttp.ClientResponse, origin: Origin
) -> AsyncGenerator[list[StreamItem], None]:
    """What each read of the body brings, until the answer is complete or the body ends."""
    reader = endpoint.framing.reader(origin)
    received = 0
    async for chunk in response.content.iter_any():
        # Counted after decompression: a small body that unpacks to gigabytes stops here.
        received += len(chunk)
        if received > endpoint.max_response_bytes:
            raise ResponseLimitError(
                "the response is larger than any answer",
                endpoint.max_response_bytes,
                provider=origin.provider,
                endpoint=origin.endpoint,
            )
        items: list[StreamItem] = []
        try:
            complete = reader.feed(chunk, items)
        except ProviderError:
            if items:  # what came before the error is the caller's
                yield items
            raise
        if items:
            yield items
        if complete:
            return
    items = []
    try:
        reader.end(items)
    except ProviderError:
        if items:
            yield items
        raise
    if items:
        yield items


class _Connection:
    """The request in flight or the response being read, so that ``close()`` from any task
    ends the call at once: while it connects, waits for the answer, reads it or waits to retry.
    """

    __slots__ = ("_closing", "_pending", "answered", "closed", "response")

    def __init__(self) -> None:
        self.response: aiohttp.ClientResponse | None = None
        self.answered = False
        """Whether the current attempt got its answer's status and headers."""
        self.closed = False
        self._pending: asyncio.Future[aiohttp.ClientResponse] | None = None
        self._closing = asyncio.Event()

    def close(self) -> None:
        self.closed = True
        self._closing.set()
        if self._pending is not None:
            self._pending.cancel()
        if self.response is not None:
            self.response.close()

    async def open(
        self, request: Awaitable[aiohttp.ClientResponse]
    ) -> aiohttp.ClientResponse | None:
        """The response to ``request``, kept to be closed; None if ``close()`` came first."""
        pending = asyncio.ensure_future(request)
        self._pending = pending
        try:
            response = await pending
        except asyncio.CancelledError:
            task = asyncio.current_task()
            if self.closed and task is not None and not task.cancelling():
                return None  # close() cancelled the request; nobody cancelled the reader
            raise
        finally:
            self._pending = None
        if self.closed:
            response.close()
            return None
        self.response = response
        return response

    async def sleep(self, seconds: float) -> None:
        """Wait ``seconds``, or until ``close()``."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._closing.wait(), seconds)


@contextlib.asynccontextmanager
async def _session_for(
    session: aiohttp.ClientSession | None,
) -> AsyncIterator[aiohttp.ClientSession]:
    """The caller's session, left open; or a session of our own, closed on the way out."""
    if session is not None:
        yield session
        return
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as own_session:
        yield own_session


def _bare(failure: ProviderError) -> ProviderError:
    """``failure`` with no cause, context or traceback left from where it was first raised."""
    failure.__cause__ = None
    failure.__context__ = None
    return failure.with_traceback(None)


def _translate(error: BaseException, origin: Origin) -> ProviderError:
    """The ProviderError for an aiohttp or timeout failure; its text redacted of secrets."""
    if isinstance(error, ProviderError):
        return error
    where = {"provider": origin.provider, "endpoint": origin.endpoint}
    if isinstance(error, aiohttp.ConnectionTimeoutError):
        return ConnectTimeoutError("no connection within the connect timeout", **where)
    if isinstance(error, aiohttp.SocketTimeoutError):
        return IdleTimeoutError("no data from the server within the idle timeout", **where)
    if isinstance(error, TimeoutError):
        return TotalTimeoutError("the total timeout expired", **where)
    message = origin.redact(f"{type(error).__name__}: {error}")
    if isinstance(error, aiohttp.ClientSSLError):
        return TLSError(message, **where)
    return ProviderConnectionError(message, **where)


def _is_retryable(failure: ProviderError) -> bool:
    if isinstance(failure, APIStatusError):
        return failure.status in _RETRY_STATUSES or failure.status >= 500
    if isinstance(failure, TLSError):
        return False
    return isinstance(failure, ProviderConnectionError | ConnectTimeoutError | IdleTimeoutError)
