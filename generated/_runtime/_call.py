# Generated from generator/runtime/_call.py by `python -m generator build`: do not edit by hand.
# A copy of the generator's runtime: edit its source, then regenerate.
"""One call of a provider: an ordered series of exchanges, and what they share.

A call makes its exchanges in order (its steps' requests, whose answers are read whole for the
values they give, then the request it streams) over one session and its cookie jar, within one
deadline (the total timeout) and one budget of retries, and its errors never show its secrets,
values taken from answers included. The streamed request passes through its endpoint's
:class:`Auth` on every attempt, just before it is sent. ``close()`` ends the call at once from
any task, whatever it is doing: connecting, waiting for an answer, reading one or waiting to
retry.

A call has a cookie jar of its own: a cookie one exchange is set goes with the next that its
domain and path allow (any host's, IP addresses included), and never with another call's, even
over a shared session (a gateway's); a caller's session keeps them too, as its own jar says.
Every cookie's value is a secret of the call.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import time
from collections.abc import (
    AsyncGenerator,
    AsyncIterator,
    Awaitable,
    Callable,
    Mapping,
    Sequence,
)
from contextlib import aclosing
from dataclasses import dataclass, field, replace
from typing import Any, Protocol, TypeVar

import aiohttp
from yarl import URL

from ._auth import Auth, Request, Response
from ._config import Retries, Timeouts
from ._constants import FIRST_READ_SLICE, SOCKET_CLOSE_WAIT
from ._exceptions import (
    APIStatusError,
    AuthenticationError,
    ConfigurationError,
    ConnectTimeoutError,
    IdleTimeoutError,
    PermissionDeniedError,
    ProviderConnectionError,
    ProviderError,
    ResponseLimitError,
    TLSError,
    TotalTimeoutError,
)
from ._framings import Framing, Origin, WebSocketFraming
from ._requests import Target, check_headers
from ._responses import check_response, check_status, handshake_error, redirect_error
from ._secrets import Redactor
from ._steps import Answer, StepCache, secret_texts
from ._stream import StreamItem, TextStream
from ._url import BaseURL, base_url_for, origin_of
from ._websocket import Redirected, Wait, socket_session

__all__ = ["Call", "CallOptions", "StepTarget", "StreamedTarget"]

_RETRY_STATUSES = frozenset({408, 429})
_SOCKET_ENDS = frozenset(
    {aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSING, aiohttp.WSMsgType.CLOSED}
)
_T = TypeVar("_T")
_NOT_A_NAME = re.compile(r"[^A-Za-z0-9_]")
"""What a cookie's name may hold that the name of a secret (``<cookie_NAME>``) may not."""


class _Sent(Target, Protocol):
    """What a call needs of whatever it sends a request to: the request, and its limit."""

    @property
    def max_response_bytes(self) -> int: ...

    def request(
        self,
        headers: Mapping[str, str],
        body: Any,
        *,
        url: str | None = None,
        base_url: str | None = None,
    ) -> Request:
        """The request for these headers and body, checked and encoded."""
        ...


class StreamedTarget(_Sent, Protocol):
    """What a call needs of the endpoint it streams from: how its answer is read, how big it
    may be, what signs its requests (``_endpoint.Endpoint`` has all of it)."""

    @property
    def framing(self) -> Framing: ...

    @property
    def auth(self) -> Auth | None: ...


class StepTarget(_Sent, Protocol):
    """What a call needs of a step (``_steps.Step`` has all of it)."""

    @property
    def name(self) -> str: ...

    @property
    def moves_with_base_url(self) -> bool:
        """Whether ``base_url`` moves it: it shares the streamed request's origin."""
        ...

    @property
    def redirect_answers(self) -> bool:
        """Whether a redirect is its answer, never followed, rather than an error."""
        ...


@dataclass(frozen=True)
class CallOptions:
    """How a call is made, checked: the caller's session, proxy and base URL, the timeouts, the
    retry policy and budget. What may hold a secret is left out of the representation, which a
    traceback with its frames' locals would show."""

    session: aiohttp.ClientSession | None
    proxy: str | None = field(repr=False)
    timeouts: Timeouts
    retries: Retries
    max_retries: int
    base_url: BaseURL | None = field(default=None, repr=False)


class _Closed(Exception):
    """The call was closed from another task in the middle of an exchange: it ends quietly."""


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
        self._jar: aiohttp.CookieJar | None = None
        """The call's cookies, made in the call's event loop."""
        self._cookie_secrets: set[tuple[str, str]] = set()
        """The cookies already kept secret, as (value, name)."""
        self._caches: list[StepCache] = []
        """The caches of steps whose values the call took instead of asking for them."""

    def redact(self, text: str) -> str:
        """``text`` with every secret of the call replaced by ``<NAME>``: its variables'
        values, credentials, what an ``Auth`` added to a request, values taken from answers."""
        return self._redactor.text(text)

    def _kept(self) -> list[tuple[str, str]]:
        return list(self._secrets)

    def keep_secret(self, value: str, name: str) -> None:
        """Keep ``value`` out of what the call shows, as ``<name>``, from now on."""
        self._secrets.append((value, name))
        self._redactor = Redactor(self._secrets)

    def hide(self, value: object, name: str) -> None:
        """Keep every text of ``value`` (a value computed from a secret) out of what the call
        shows, as ``<name>``."""
        for text in secret_texts(value):
            self.keep_secret(text, name)

    def close(self) -> None:
        """End the call now, from any task."""
        self._connection.close()

    def answer(self, exchanges: Callable[[], AsyncGenerator[list[StreamItem], None]]) -> TextStream:
        """The call's answer: ``exchanges()`` made in order when iteration starts, the last
        streamed.

        When a step's values came from its cache and the streamed request is refused (401 or
        403) before anything was yielded, the cache is cleared and the exchanges made once
        more, the step asked anew.
        """
        return TextStream(self._run(exchanges), close=self.close, secrets=self._kept)

    async def _run(
        self, exchanges: Callable[[], AsyncGenerator[list[StreamItem], None]]
    ) -> AsyncGenerator[list[StreamItem], None]:
        total = self.options.timeouts.total
        self._deadline = None if total is None else time.monotonic() + total
        self._jar = aiohttp.CookieJar(unsafe=True)
        async with _session_for(self.options.session) as session:
            self._session = session
            yielded = False
            try:
                # Closed on the way out, however that is: a connection is released at once.
                async with aclosing(exchanges()) as made:
                    async for items in made:
                        yielded = True
                        yield items
                return
            except (AuthenticationError, PermissionDeniedError):
                if yielded or not self._caches:
                    raise
            except _Closed:
                return
            # Out of the handler: the call made again carries nothing of the refusal.
            for cache in self._caches:
                cache.clear()
            self._caches.clear()
            try:
                async with aclosing(exchanges()) as again:
                    async for items in again:
                        yield items
            except _Closed:
                return

    def kept(self, cache: StepCache, step: StepTarget) -> dict[str, object] | None:
        """The values ``cache`` keeps of ``step``'s answer from the server this call sends the
        step to (its ``base_url`` applied), or None when the step is to be asked.

        Values taken from a cache are secrets of this call too; and a refusal of the streamed
        request clears the cache and makes the call again (see :meth:`answer`).
        """
        values = cache.get(self._server_of(step))
        if values is not None:
            self._caches.append(cache)
            for name, value in values.items():
                for text in secret_texts(value):
                    self.keep_secret(text, name)
        return values

    def keep(
        self, cache: StepCache, step: StepTarget, values: dict[str, object]
    ) -> dict[str, object]:
        """Keep ``values``, which ``step``'s answer gave, in ``cache`` for the server this call
        sent the step to; give them back."""
        return cache.keep(self._server_of(step), values)

    def _server_of(self, step: StepTarget) -> str:
        moved = base_url_for(self.options.base_url, step.url, step.moves_with_base_url)
        return moved if moved is not None else origin_of(step.url)

    def origin(self, target: Target, request: Request, step: str | None = None) -> Origin:
        """Who is calling where, for errors, with the call's secrets taken out."""
        where = self.redact(f"{request.method} {request.url}")
        return Origin(
            target.provider, where if step is None else f"step {step}: {where}", self.redact
        )

    async def fetch(
        self, step: StepTarget, headers: Mapping[str, str], body: Any, *, url: str | None = None
    ) -> Answer:
        """Make ``step``'s request and read its answer whole: a request made before the one the
        call streams, retried as that one is, within the call's deadline and budget."""
        base_url = base_url_for(self.options.base_url, url or step.url, step.moves_with_base_url)
        request = step.request(headers, body, url=url, base_url=base_url)
        origin = self.origin(step, request, step.name)
        attempt = 0
        while True:
            try:
                response = await self._connection.open(self._send(request, origin, None, step))
                if response is None:
                    raise _Closed
                async with response:
                    try:
                        await check_status(response, origin, step.redirect_answers)
                        body_bytes = await _read_whole(response, step.max_response_bytes, origin)
                    finally:
                        self._connection.response = None
                cookies = self._cookies(request.url)
                return Answer(
                    step.name, origin, response.headers, body_bytes, cookies, self.keep_secret
                )
            except (aiohttp.ClientError, TimeoutError, ProviderError) as error:
                if self._connection.closed:
                    raise _Closed from None
                failure = _translate(error, origin)
            delay = self._retry_delay(failure, attempt)
            if delay is None:
                raise _bare(failure)
            await self._connection.sleep(delay)
            if self._connection.closed:
                raise _Closed
            self.retries_left -= 1
            attempt += 1

    def _cookies(self, url: str) -> dict[str, str]:
        """The cookies the call keeps for ``url``: those its answers set."""
        assert self._jar is not None  # made by _run()
        found = self._jar.filter_cookies(URL(url, encoded=True))
        return {name: morsel.value for name, morsel in found.items()}

    async def streamed(
        self,
        endpoint: StreamedTarget,
        headers: Mapping[str, str],
        body: Any,
        *,
        url: str | None = None,
    ) -> AsyncGenerator[list[StreamItem], None]:
        """The call's streamed exchange, built from ``headers`` and ``body`` (``url`` when the
        spec's has placeholders), moved to the call's ``base_url``."""
        base_url = base_url_for(self.options.base_url, url or endpoint.url, True)
        request = endpoint.request(headers, body, url=url, base_url=base_url)
        async with aclosing(self.stream(endpoint, request)) as answer:
            async for items in answer:
                yield items

    def stream(
        self, endpoint: StreamedTarget, request: Request
    ) -> AsyncGenerator[list[StreamItem], None]:
        """Send ``request`` and stream what its answer carries, read by read; retry as the
        endpoint's policy and the call's budget allow, before anything has been yielded."""
        origin = self.origin(endpoint, request)
        return self._retried(origin, lambda: self._attempt(endpoint, request, origin))

    def websocket(
        self,
        endpoint: StreamedTarget,
        headers: Mapping[str, str],
        sends: Sequence[str | Wait],
        *,
        url: str | None = None,
    ) -> AsyncGenerator[list[StreamItem], None]:
        """Connect to ``endpoint``'s WebSocket with ``headers``, send ``sends`` in order (a
        :class:`Wait` passes messages over) and stream what the messages carry; the socket is
        closed on the answer's end, on an error and on cancellation."""
        base_url = base_url_for(self.options.base_url, url or endpoint.url, True)
        request = endpoint.request(headers, None, url=url, base_url=base_url)
        origin = self.origin(endpoint, request)
        return self._retried(origin, lambda: self._converse(endpoint, request, sends, origin))

    async def _retried(
        self, origin: Origin, attempt: Callable[[], AsyncGenerator[list[StreamItem], None]]
    ) -> AsyncGenerator[list[StreamItem], None]:
        """What ``attempt()`` yields, made again as the policy and the budget allow while it
        has yielded nothing."""
        connection = self._connection
        tries = 0
        while not connection.closed:
            yielded = False
            connection.answered = False
            try:
                async with aclosing(attempt()) as answer:
                    async for items in answer:
                        yielded = True
                        yield items
                return
            except (aiohttp.ClientError, TimeoutError, ProviderError) as error:
                if connection.closed:
                    return  # close() from another task: the caller asked for the end
                failure = _translate(error, origin)
            delay = None if yielded else self._retry_delay(failure, tries)
            if (
                delay is not None
                and connection.answered
                and not self.options.retries.silent_streams
            ):
                delay = None
            if delay is None:
                # Raised here, outside the handler, and bare: nothing of the request (its
                # URL, its headers) rides along in a cause, a context or a frame's locals.
                raise _bare(failure)
            await connection.sleep(delay)
            self.retries_left -= 1
            tries += 1

    async def _attempt(
        self, endpoint: StreamedTarget, request: Request, origin: Origin
    ) -> AsyncGenerator[list[StreamItem], None]:
        """One attempt, and what its answer carries; nothing if the call is closed meanwhile."""
        response = await self._connection.open(self._send(request, origin, endpoint.auth, endpoint))
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

    async def _converse(
        self,
        endpoint: StreamedTarget,
        request: Request,
        sends: Sequence[str | Wait],
        origin: Origin,
    ) -> AsyncGenerator[list[StreamItem], None]:
        """One connection: the handshake, what is sent, and what each message carries."""
        assert self._session is not None  # opened by _run()
        framing = endpoint.framing
        if not isinstance(framing, WebSocketFraming):
            raise ConfigurationError(
                "a WebSocket is read by a WebSocketFraming",
                provider=origin.provider,
                endpoint=origin.endpoint,
            )
        timeouts = self.options.timeouts
        timeout = aiohttp.ClientTimeout(
            total=self._time_left(origin), sock_connect=timeouts.connect, sock_read=timeouts.idle
        )
        assert self._jar is not None
        async with socket_session(self._jar, timeout) as session:
            try:
                socket = await self._connection.wait(
                    session.ws_connect(
                        URL(request.url, encoded=True),
                        headers=request.headers,
                        proxy=self.options.proxy,
                        max_msg_size=framing.max_event_size,
                        autoping=True,
                        timeout=aiohttp.ClientWSTimeout(ws_close=SOCKET_CLOSE_WAIT),
                    )
                )
            except Redirected as redirect:
                raise redirect_error(
                    redirect.status, redirect.url, redirect.location, origin
                ) from None
            except aiohttp.WSServerHandshakeError as refused:
                raise handshake_error(refused.status, refused.headers or {}, origin) from None
            if socket is None:
                return
            self._keep_cookies()  # the handshake's answer may have set some
            async with socket:
                self._connection.answered = True
                reader = framing.reader(origin)
                received = 0
                closed = False
                for send in sends:
                    if isinstance(send, Wait):
                        for _ in range(send.count):
                            closed = closed or await self._message(socket, framing, origin) is None
                    elif not closed:
                        await socket.send_str(framing.outgoing(send))
                while True:
                    # A socket closed before what was to be sent was sent has no answer in it.
                    message = None if closed else await self._message(socket, framing, origin)
                    items: list[StreamItem] = []
                    if message is None:
                        reader.end(items)
                        if items:
                            yield items
                        return
                    received += len(message)
                    if received > endpoint.max_response_bytes:
                        raise ResponseLimitError(
                            "the messages are larger than any answer",
                            endpoint.max_response_bytes,
                            provider=origin.provider,
                            endpoint=origin.endpoint,
                        )
                    try:
                        complete = reader.feed(message, items)
                    except ProviderError:
                        if items:
                            yield items
                        raise
                    if items:
                        yield items
                    if complete:
                        return

    async def _message(
        self, socket: aiohttp.ClientWebSocketResponse, framing: WebSocketFraming, origin: Origin
    ) -> bytes | None:
        """The next message the answer is read from, as UTF-8; None once the socket closed (or
        the call was). A message ``framing`` replies to is answered and passed over."""
        while True:
            idle, left = self.options.timeouts.idle, self._time_left(origin)
            idles = idle is not None and (left is None or idle < left)
            try:
                received = await self._connection.wait(
                    asyncio.wait_for(socket.receive(), idle if idles else left)
                )
            except TimeoutError:
                if not idles:
                    raise
                raise IdleTimeoutError(
                    "no message from the server within the idle timeout",
                    provider=origin.provider,
                    endpoint=origin.endpoint,
                ) from None
            if received is None or received.type in _SOCKET_ENDS:
                return None
            if received.type is aiohttp.WSMsgType.ERROR:
                raise ProviderConnectionError(
                    origin.redact(f"the socket failed: {received.data}"),
                    provider=origin.provider,
                    endpoint=origin.endpoint,
                )
            if received.type is aiohttp.WSMsgType.TEXT:
                reply = framing.replies.get(received.data)
                if reply is not None:
                    await socket.send_str(reply)
                    continue
                return str(received.data).encode()
            if received.type is aiohttp.WSMsgType.BINARY:
                return bytes(received.data)

    async def _send(
        self, request: Request, origin: Origin, auth: Auth | None, target: Target
    ) -> aiohttp.ClientResponse:
        """The request sent as ``auth`` has it for this attempt, within the deadline."""
        session = self._session
        assert session is not None  # opened by run()
        if session.closed:
            raise ConfigurationError(
                "the session is closed", provider=origin.provider, endpoint=origin.endpoint
            )
        attempt = replace(request, headers=dict(request.headers))
        if auth is None:
            return await self._deliver(session, attempt, origin)
        async with (
            asyncio.timeout(self._time_left(origin)),
            aclosing(auth.auth_flow(attempt)) as flow,
        ):
            outgoing = await flow.__anext__()
            while True:
                self._keep_added_secrets(request, outgoing, auth.public_headers)
                check_headers(target, outgoing.headers)
                response = await self._deliver(session, outgoing, origin)
                try:
                    outgoing = await flow.asend(Response(response.status, response.headers))
                except StopAsyncIteration:
                    return response
                response.close()  # the auth sends the request again: this answer is done

    def _keep_added_secrets(
        self, built: Request, outgoing: Request, public: frozenset[str]
    ) -> None:
        """Keep what an auth added to the headers out of what the call shows: each value it
        added or changed, and its part after the scheme (``Bearer TOKEN``'s token), but for
        the ``public`` headers'."""
        for name, value in outgoing.headers.items():
            if built.headers.get(name) != value and name.lower() not in public:
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
        assert self._jar is not None  # made by _run()
        url = URL(request.url, encoded=True)
        response: aiohttp.ClientResponse = await session.request(
            request.method,
            url,
            headers=request.headers,
            cookies=self._jar.filter_cookies(url) or None,
            data=request.body or None,
            proxy=self.options.proxy,
            timeout=timeout,
            # A redirect is answered with an error, never followed: it would take the request,
            # secrets and all, somewhere else. And a caller's session decides no error type.
            allow_redirects=False,
            raise_for_status=False,
        )
        self._jar.update_cookies(response.cookies, response.url)
        self._keep_cookies()
        return response

    def _keep_cookies(self) -> None:
        """Keep every cookie the call holds out of what it shows: whatever path or scheme it
        was set for, it may go with a later request, and a server may echo it."""
        assert self._jar is not None  # made by _run()
        for morsel in self._jar:
            if (morsel.value, morsel.key) not in self._cookie_secrets:
                self._cookie_secrets.add((morsel.value, morsel.key))
                self.keep_secret(morsel.value, "cookie_" + _NOT_A_NAME.sub("_", morsel.key))

    def _time_left(self, origin: Origin) -> float | None:
        if self._deadline is None:
            return None
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise TotalTimeoutError(
                "the total timeout expired", provider=origin.provider, endpoint=origin.endpoint
            )
        return left

    def _retry_delay(self, failure: ProviderError, attempt: int) -> float | None:
        """Seconds to wait before retrying after ``failure``, or None to give up.

        The server's hint is taken over the backoff, but ``max_backoff`` bounds every wait, and
        no wait runs past the total timeout.
        """
        if self.retries_left <= 0 or not _is_retryable(failure):
            return None
        retries = self.options.retries
        delay = retries.backoff(attempt)
        if isinstance(failure, APIStatusError) and failure.retry_after is not None:
            delay = min(failure.retry_after, retries.max_backoff)
        if self._deadline is not None and time.monotonic() + delay >= self._deadline:
            return None
        return delay


async def _read_whole(response: aiohttp.ClientResponse, limit: int, origin: Origin) -> bytes:
    """A step's whole answer; more than ``limit`` bytes (decompressed) is an error."""
    data = bytearray()
    async for chunk in response.content.iter_any():
        data += chunk
        if len(data) > limit:
            raise ResponseLimitError(
                "the answer is larger than a step's can be",
                limit,
                provider=origin.provider,
                endpoint=origin.endpoint,
            )
    return bytes(data)


async def _read(
    endpoint: StreamedTarget, response: aiohttp.ClientResponse, origin: Origin
) -> AsyncGenerator[list[StreamItem], None]:
    """What each read of the body brings, until the answer is complete or the body ends.

    Until something has come, a read is fed FIRST_READ_SLICE bytes at a time: the first
    delta of a burst (a long answer sent at once, in reads of 64 KiB) is passed on when it is
    decoded, not when its whole read is. Then each read is fed whole."""
    reader = endpoint.framing.reader(origin)
    received = 0
    began = False
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
        position = 0
        while position < len(chunk):
            end = len(chunk) if began else position + FIRST_READ_SLICE
            items: list[StreamItem] = []
            try:
                complete = reader.feed(chunk[position:end], items)
            except ProviderError:
                if items:  # what came before the error is the caller's
                    yield items
                raise
            position = end
            if items:
                began = True
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
        self._pending: asyncio.Future[Any] | None = None
        self._closing = asyncio.Event()

    def close(self) -> None:
        self.closed = True
        self._closing.set()
        if self._pending is not None:
            self._pending.cancel()
        if self.response is not None:
            self.response.close()

    async def wait(self, pending: Awaitable[_T]) -> _T | None:
        """What ``pending`` gives; None if ``close()`` came first."""
        future = asyncio.ensure_future(pending)
        self._pending = future
        try:
            result = await future
        except asyncio.CancelledError:
            task = asyncio.current_task()
            if self.closed and task is not None and not task.cancelling():
                return None  # close() cancelled the wait; nobody cancelled the reader
            raise
        finally:
            self._pending = None
        return None if self.closed else result

    async def open(
        self, request: Awaitable[aiohttp.ClientResponse]
    ) -> aiohttp.ClientResponse | None:
        """The response to ``request``, kept to be closed; None if ``close()`` came first."""
        pending = asyncio.ensure_future(request)
        response = await self.wait(pending)
        if response is None:
            if pending.done() and not pending.cancelled() and pending.exception() is None:
                pending.result().close()
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
    # The call keeps its cookies itself.
    async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as own_session:
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
    message = origin.redact(f"{type(error).__name__}: {_without_quoted_bytes(error)}")
    if isinstance(error, aiohttp.ClientSSLError):
        return TLSError(message, **where)
    return ProviderConnectionError(message, **where)


_QUOTED_BYTES = re.compile(r"""\s*:?\s*b(['"]).*""", re.DOTALL)
"""Where aiohttp quotes what the server sent (``...when reading: b'X-Echo: sk-...'``), to the
end of its message: cut at a length of its own, it may hold part of a secret, which no
redaction of whole values finds."""


def _without_quoted_bytes(error: BaseException) -> str:
    """``error``'s text, less any bytes of the server's answer it quotes."""
    if isinstance(error, aiohttp.ClientResponseError):
        # Raised by aiohttp's parser (nothing here raises for a status): the answer is not HTTP.
        reason = _QUOTED_BYTES.sub("", error.message)
        return (
            f"the answer is not valid HTTP: {reason}" if reason else "the answer is not valid HTTP"
        )
    return _QUOTED_BYTES.sub("", str(error))


def _is_retryable(failure: ProviderError) -> bool:
    if isinstance(failure, APIStatusError):
        return failure.status in _RETRY_STATUSES or failure.status >= 500
    if isinstance(failure, TLSError):
        return False
    return isinstance(failure, ProviderConnectionError | ConnectTimeoutError | IdleTimeoutError)
