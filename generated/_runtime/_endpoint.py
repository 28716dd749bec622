# Generated from generator/runtime/_endpoint.py by `python -m generator build`: do not edit by hand.
# A copy of the generator's runtime: edit its source, then regenerate.
"""One HTTP streaming endpoint: the request, timeouts, retries, errors and cleanup.

A generated module builds the headers and the JSON body (plain Python compiled from the spec) and
hands them to :meth:`Endpoint.stream`. Everything about the network happens here, once for all
providers. A caller's mistake is a :class:`ConfigurationError` before anything is sent; whatever
the server does, what leaves here is a :class:`ProviderError` that carries no secret.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import math
import os
import re
import time
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, fields, replace
from typing import Any, Literal
from urllib.parse import unquote, urlsplit

import aiohttp
from yarl import URL

from ._config import Retries, Timeouts
from ._constants import DEFAULT_MAX_RESPONSE_BYTES
from ._exceptions import (
    APIStatusError,
    ConfigurationError,
    ConnectTimeoutError,
    IdleTimeoutError,
    MissingSecretError,
    ProviderConnectionError,
    ProviderError,
    ResponseLimitError,
    TLSError,
    TotalTimeoutError,
)
from ._framings import Framing, Origin
from ._responses import check_response
from ._secrets import SHORTEST_REDACTED, secret_forms
from ._stream import StreamItem, TextStream
from ._url import is_http_url, rebase_url

__all__ = ["Endpoint"]

_RETRY_STATUSES = frozenset({408, 429})
_FORBIDDEN_IN_HEADERS = ("\r", "\n", "\0")


@dataclass(frozen=True)
class _Call:
    """One call's request and options, resolved.

    What may hold a secret is left out of the representation, which a traceback with its
    frames' locals would show.
    """

    url: str = field(repr=False)
    encoded: bool
    """Whether ``url`` was built from placeholders, already percent-encoded."""
    headers: Mapping[str, str] = field(repr=False)
    body: Any = field(repr=False)
    """The body, or None for none."""
    session: aiohttp.ClientSession | None
    proxy: str | None = field(repr=False)
    timeouts: Timeouts
    max_retries: int
    credentials: tuple[tuple[str, str], ...] = field(repr=False)
    """The userinfo of ``base_url`` and ``proxy``, with the name each is shown as instead."""


class _Connection:
    """The request in flight or the response being read, so that ``aclose()`` from any task
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


@dataclass(frozen=True)
class Endpoint:
    """Where and how a provider streams from; built once per generated module."""

    provider: str
    method: str
    url: str
    """The URL as the spec writes it; one with placeholders is built anew for each call."""
    framing: Framing
    body_format: Literal["json", "form"] = "json"
    secrets: tuple[str, ...] = ()
    """The environment variables the spec reads: their values never appear in an error."""
    timeouts: Timeouts = field(default_factory=Timeouts)
    retries: Retries = field(default_factory=Retries)
    max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES

    def secret(self, variable: str) -> str:
        """The value of environment variable ``variable``, read at call time."""
        value = os.environ.get(variable)
        if value is None:
            raise MissingSecretError(
                variable, provider=self.provider, endpoint=f"{self.method} {self.url}"
            )
        return value

    def redact(self, text: str, credentials: tuple[tuple[str, str], ...] = ()) -> str:
        """``text`` with each secret's value replaced by ``<NAME>``, in each of its
        ``secret_forms`` and in any case (a host name comes back lower-cased).

        The secrets are the spec's environment variables, and ``credentials`` besides.
        """
        named = [(os.environ.get(variable, ""), variable) for variable in self.secrets]
        for value, name in [*named, *credentials]:
            if len(value) >= SHORTEST_REDACTED:
                shown = f"<{name}>"  # a name holds no backslash: a template with no escapes
                for form in secret_forms(value):
                    text = re.sub(re.escape(form), shown, text, flags=re.IGNORECASE)
        return text

    def stream(
        self,
        headers: Mapping[str, str],
        body: Any,
        *,
        url: str | None = None,
        session: aiohttp.ClientSession | None = None,
        proxy: str | None = None,
        timeout: float | Timeouts | None = None,
        base_url: str | None = None,
        max_retries: int | None = None,
    ) -> TextStream:
        """Send the request when iteration starts, and stream the answer's text deltas.

        ``body`` is None for no body; ``url`` is this call's URL when the spec's has
        placeholders. ``timeout`` is the total in seconds, or a :class:`Timeouts`; ``base_url``
        replaces the scheme, host and port of the endpoint's URL and prefixes its path. What
        cannot be sent is a :class:`ConfigurationError` here, before anything is.
        """
        encoded = url is not None
        url = self.url if url is None else url
        for name, value in (("base_url", base_url), ("proxy", proxy)):
            if value is not None and not is_http_url(value):
                raise self._refuse(f"{name} must be an http:// or https:// URL with a host")
        if base_url is not None:
            url = rebase_url(url, base_url)
        self._check_headers(headers)
        if body is not None:
            self._check_body(body)
        connection = _Connection()
        call = _Call(
            url=url,
            encoded=encoded,
            headers=headers,
            body=body,
            session=session,
            proxy=proxy,
            timeouts=self._timeouts(timeout),
            max_retries=self._max_retries(max_retries),
            credentials=_credentials(base_url, "base_url") + _credentials(proxy, "proxy"),
        )
        return TextStream(self._deltas(call, connection), close=connection.close)

    def _timeouts(self, timeout: float | Timeouts | None) -> Timeouts:
        if isinstance(timeout, Timeouts):
            for name in (each.name for each in fields(Timeouts)):
                self._check_seconds(f"timeout.{name}", getattr(timeout, name))
            return timeout
        self._check_seconds("timeout", timeout)
        return self.timeouts if timeout is None else replace(self.timeouts, total=timeout)

    def _check_seconds(self, name: str, value: object) -> None:
        if value is None:
            return
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self._refuse(
                f"{name} must be a number of seconds or None, not {type(value).__name__}"
            )
        if not (math.isfinite(value) and value > 0):
            raise self._refuse(f"{name} must be a positive, finite number of seconds, not {value}")

    def _max_retries(self, max_retries: int | None) -> int:
        if max_retries is None:
            return self.retries.max_retries
        if isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0:
            raise self._refuse(f"max_retries must be a whole number >= 0, not {max_retries!r}")
        return max_retries

    def _refuse(self, message: str) -> ConfigurationError:
        return ConfigurationError(
            message, provider=self.provider, endpoint=f"{self.method} {self.url}"
        )

    def _check_headers(self, headers: Mapping[str, str]) -> None:
        for name, value in headers.items():
            if any(character in value for character in _FORBIDDEN_IN_HEADERS):
                # The value is not quoted: it may be a secret.
                raise self._refuse(f"the value of header {name!r} has a line break or NUL in it")

    def _check_body(self, body: Any) -> None:
        if self.body_format == "form":
            for key, value in body.items():
                if not isinstance(value, str | int | float | bool):
                    raise self._refuse(
                        f"form field {key!r} is a {type(value).__name__}: a form holds text, "
                        "numbers and booleans"
                    )
                if isinstance(value, float) and not math.isfinite(value):
                    raise self._refuse(f"form field {key!r} is {value}: not a number to send")
            return
        try:
            json.dumps(body, allow_nan=False)
        except (TypeError, ValueError) as error:
            raise self._refuse(f"the body cannot be sent as JSON: {error}") from None
        except RecursionError:
            raise self._refuse("the body cannot be sent as JSON: it is nested too deeply") from None

    async def _deltas(
        self, call: _Call, connection: _Connection
    ) -> AsyncGenerator[list[StreamItem], None]:
        origin = Origin(
            self.provider,
            self.redact(f"{self.method} {call.url}", call.credentials),
            lambda text: self.redact(text, call.credentials),
        )
        deadline = None if call.timeouts.total is None else time.monotonic() + call.timeouts.total
        async with _session_for(call.session) as session:
            attempt = 0
            while not connection.closed:
                if session.closed:
                    raise self._refuse("the session is closed")
                yielded = False
                connection.answered = False
                try:
                    async for items in self._attempt(session, call, deadline, origin, connection):
                        yielded = True
                        yield items
                    return
                except (aiohttp.ClientError, TimeoutError, ProviderError) as error:
                    if connection.closed:
                        return  # aclose() from another task: the caller asked for the end
                    failure = _translate(error, origin)
                delay = None if yielded else self._retry_delay(failure, attempt, call, deadline)
                if delay is not None and connection.answered and not self.retries.silent_streams:
                    delay = None
                if delay is None:
                    # Raised here, outside the handler, and bare: nothing of the request (its
                    # URL, its headers) rides along in a cause, a context or a frame's locals.
                    raise _bare(failure)
                await connection.sleep(delay)
                attempt += 1

    async def _attempt(
        self,
        session: aiohttp.ClientSession,
        call: _Call,
        deadline: float | None,
        origin: Origin,
        connection: _Connection,
    ) -> AsyncGenerator[list[StreamItem], None]:
        """One request, and what its answer carries; nothing if the call is closed meanwhile."""
        response = await connection.open(self._request(session, call, deadline, origin))
        if response is None:
            return
        async with response:
            try:
                await check_response(response, self.framing.content_types, origin)
                connection.answered = True
                async for items in self._read(response, origin):
                    yield items
            finally:
                connection.response = None

    async def _read(
        self, response: aiohttp.ClientResponse, origin: Origin
    ) -> AsyncGenerator[list[StreamItem], None]:
        """What each read of the body brings, until the answer is complete or the body ends."""
        reader = self.framing.reader(origin)
        received = 0
        async for chunk in response.content.iter_any():
            # Counted after decompression: a small body that unpacks to gigabytes stops here.
            received += len(chunk)
            if received > self.max_response_bytes:
                raise ResponseLimitError(
                    "the response is larger than any answer",
                    self.max_response_bytes,
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

    def _request(
        self,
        session: aiohttp.ClientSession,
        call: _Call,
        deadline: float | None,
        origin: Origin,
    ) -> Any:
        total = None if deadline is None else deadline - time.monotonic()
        if total is not None and total <= 0:
            raise TotalTimeoutError(
                "the total timeout expired", provider=origin.provider, endpoint=origin.endpoint
            )
        timeout = aiohttp.ClientTimeout(
            total=total,
            sock_connect=call.timeouts.connect,
            sock_read=call.timeouts.idle,
        )
        if call.body is None:
            body: dict[str, Any] = {}
        elif self.body_format == "form":
            body = {"data": _form_fields(call.body)}
        else:
            body = {"json": call.body}
        return session.request(
            self.method,
            URL(call.url, encoded=True) if call.encoded else call.url,
            headers=call.headers,
            proxy=call.proxy,
            timeout=timeout,
            # A redirect is answered with an error, never followed: it would take the request,
            # secrets and all, somewhere else. And a caller's session decides no error type.
            allow_redirects=False,
            raise_for_status=False,
            **body,
        )

    def _retry_delay(
        self, failure: ProviderError, attempt: int, call: _Call, deadline: float | None
    ) -> float | None:
        """Seconds to wait before retrying after ``failure``, or None to give up.

        The server's hint is taken over the backoff, but ``max_backoff`` bounds every wait, and
        no wait runs past the total timeout.
        """
        if attempt >= call.max_retries or not _is_retryable(failure):
            return None
        delay = self.retries.backoff(attempt)
        if isinstance(failure, APIStatusError) and failure.retry_after is not None:
            delay = min(failure.retry_after, self.retries.max_backoff)
        if deadline is not None and time.monotonic() + delay >= deadline:
            return None
        return delay


def _credentials(url: str | None, what: str) -> tuple[tuple[str, str], ...]:
    """The userinfo of ``url``, whole and in parts, escaped and not, and as the Basic
    authorization aiohttp sends for it (which a server may echo), each with the name it is
    shown as instead: longest first, so that ``user:password`` goes as one."""
    if url is None:
        return ()
    userinfo, at, _ = urlsplit(url).netloc.rpartition("@")  # url is valid: checked before
    if not (at and userinfo):
        return ()
    user, _, password = userinfo.partition(":")
    forms = {form for part in (userinfo, user, password) for form in (part, unquote(part))}
    with contextlib.suppress(UnicodeEncodeError):  # then aiohttp cannot send it either
        basic = f"{unquote(user)}:{unquote(password)}".encode("latin-1")
        forms.add(base64.b64encode(basic).decode("ascii"))
    return tuple((form, f"{what} credentials") for form in sorted(forms, key=len, reverse=True))


def _form_fields(body: Mapping[str, object]) -> dict[str, str]:
    """A form body's fields as text, booleans as JSON writes them."""
    return {
        key: ("true" if value else "false") if isinstance(value, bool) else str(value)
        for key, value in body.items()
    }


@asynccontextmanager
async def _session_for(
    session: aiohttp.ClientSession | None,
) -> AsyncIterator[aiohttp.ClientSession]:
    """The caller's session, left open; or a session of our own, closed on the way out."""
    if session is not None:
        yield session
        return
    async with aiohttp.ClientSession() as own_session:
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
