"""One HTTP streaming endpoint: the request, timeouts, retries, errors and cleanup.

A generated module builds the headers and the JSON body (plain Python compiled from the spec) and
hands them to :meth:`Endpoint.stream`. Everything about the network happens here, once for all
providers.
"""

from __future__ import annotations

import asyncio
import email.utils
import os
import time
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from typing import Any, Literal

import aiohttp
from yarl import URL

from ._config import Retries, Timeouts
from ._constants import ERROR_EXCERPT_BYTES
from ._exceptions import (
    APIStatusError,
    AuthenticationError,
    ConfigurationError,
    ConnectTimeoutError,
    IdleTimeoutError,
    MissingSecretError,
    NotFoundError,
    PermissionDeniedError,
    ProviderConnectionError,
    ProviderError,
    RateLimitError,
    ServerError,
    TotalTimeoutError,
    UnexpectedContentTypeError,
    shorten,
)
from ._framings import Framing, Origin
from ._stream import StreamItem, TextStream
from ._url import quote_query, rebase_url, valid_base_url

__all__ = ["Endpoint"]

_SHORTEST_REDACTED = 4
"""Shorter secret values are not searched for in messages: they would garble them."""

_RETRY_STATUSES = frozenset({408, 429})


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

    def secret(self, variable: str) -> str:
        """The value of environment variable ``variable``, read at call time."""
        value = os.environ.get(variable)
        if value is None:
            raise MissingSecretError(
                variable, provider=self.provider, endpoint=f"{self.method} {self.url}"
            )
        return value

    def redact(self, text: str) -> str:
        """``text`` with the value of each of the spec's secrets replaced by ``<NAME>``.

        The value is looked for as it is and as it is escaped in a URL.
        """
        for variable in self.secrets:
            value = os.environ.get(variable, "")
            if len(value) >= _SHORTEST_REDACTED:
                for form in (value, quote_query(value)):
                    text = text.replace(form, f"<{variable}>")
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
        replaces the scheme, host and port of the endpoint's URL and prefixes its path.
        """
        if isinstance(timeout, Timeouts):
            timeouts = timeout
        elif timeout is not None:
            timeouts = replace(self.timeouts, total=timeout)
        else:
            timeouts = self.timeouts
        encoded = url is not None
        url = self.url if url is None else url
        if base_url is not None:
            if not valid_base_url(base_url):
                raise ConfigurationError(
                    "base_url must be an http:// or https:// URL with a host",
                    provider=self.provider,
                    endpoint=f"{self.method} {self.url}",
                )
            url = rebase_url(url, base_url)
        if body is not None and self.body_format == "form":
            self._check_form(body)
        call = _Call(
            url=url,
            encoded=encoded,
            headers=headers,
            body=body,
            session=session,
            proxy=proxy,
            timeouts=timeouts,
            max_retries=self.retries.max_retries if max_retries is None else max_retries,
        )
        return TextStream(self._deltas(call))

    def _check_form(self, body: Mapping[str, object]) -> None:
        for key, value in body.items():
            if not isinstance(value, str | int | float | bool):
                raise ConfigurationError(
                    f"form field {key!r} is a {type(value).__name__}: a form holds text, "
                    "numbers and booleans",
                    provider=self.provider,
                    endpoint=f"{self.method} {self.url}",
                )

    async def _deltas(self, call: _Call) -> AsyncGenerator[StreamItem, None]:
        origin = Origin(self.provider, self.redact(f"{self.method} {call.url}"))
        deadline = None if call.timeouts.total is None else time.monotonic() + call.timeouts.total
        async with _session_for(call.session) as session:
            attempt = 0
            while True:
                yielded = False
                try:
                    async for item in self._attempt(session, call, deadline, origin):
                        yielded = True
                        yield item
                    return
                except (aiohttp.ClientError, TimeoutError, ProviderError) as error:
                    failure = _translate(error, origin, self.redact)
                delay = None if yielded else self._retry_delay(failure, attempt, call, deadline)
                if delay is None:
                    # Raised here, outside the handler, and bare: nothing of the request (its
                    # URL, its headers) rides along in a cause, a context or a frame's locals.
                    raise _bare(failure)
                await asyncio.sleep(delay)
                attempt += 1

    async def _attempt(
        self, session: aiohttp.ClientSession, call: _Call, deadline: float | None, origin: Origin
    ) -> AsyncGenerator[StreamItem, None]:
        """One request, and what its answer carries."""
        async with self._request(session, call, deadline, origin) as response:
            await _check_response(response, self, origin)
            async for item in self.framing.deltas(response.content.iter_any(), origin):
                yield item

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
            **body,
        )

    def _retry_delay(
        self, failure: ProviderError, attempt: int, call: _Call, deadline: float | None
    ) -> float | None:
        """Seconds to wait before retrying after ``failure``, or None to give up."""
        if attempt >= call.max_retries or not _is_retryable(failure):
            return None
        delay = self.retries.backoff(attempt)
        if isinstance(failure, APIStatusError) and failure.retry_after is not None:
            delay = failure.retry_after
        if deadline is not None and time.monotonic() + delay >= deadline:
            return None
        return delay


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


async def _check_response(
    response: aiohttp.ClientResponse, endpoint: Endpoint, origin: Origin
) -> None:
    """Raise for an error status or a body that is not the expected kind of stream."""
    if response.status >= 400:
        raise _status_error(response, await _excerpt(response, endpoint), origin)
    content_types = endpoint.framing.content_types
    if "*/*" in content_types or response.content_type in content_types:
        return
    raise UnexpectedContentTypeError(
        response.content_type,
        await _excerpt(response, endpoint),
        provider=origin.provider,
        endpoint=origin.endpoint,
    )


async def _excerpt(response: aiohttp.ClientResponse, endpoint: Endpoint) -> str:
    """The start of an error body, for the message; a secret echoed in it is redacted."""
    data = await response.content.read(ERROR_EXCERPT_BYTES)
    return shorten(" ".join(endpoint.redact(data.decode("utf-8", "replace")).split()))


_STATUS_ERRORS: dict[int, type[APIStatusError]] = {
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    429: RateLimitError,
}


def _status_error(response: aiohttp.ClientResponse, excerpt: str, origin: Origin) -> APIStatusError:
    status = response.status
    error_type = _STATUS_ERRORS.get(status, ServerError if status >= 500 else APIStatusError)
    return error_type(
        status,
        excerpt,
        provider=origin.provider,
        endpoint=origin.endpoint,
        retry_after=_retry_after(response.headers),
    )


def _retry_after(headers: Mapping[str, str]) -> float | None:
    """The server's wait hint in seconds, from ``retry-after-ms`` or ``Retry-After``."""
    if milliseconds := headers.get("retry-after-ms"):
        try:
            return max(float(milliseconds) / 1000, 0.0)
        except ValueError:
            pass
    value = headers.get("Retry-After")
    if not value:
        return None
    if value.strip().isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(when.timestamp() - time.time(), 0.0)


def _bare(failure: ProviderError) -> ProviderError:
    """``failure`` with no cause, context or traceback left from where it was first raised."""
    failure.__cause__ = None
    failure.__context__ = None
    return failure.with_traceback(None)


def _translate(error: BaseException, origin: Origin, redact: Callable[[str], str]) -> ProviderError:
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
    return ProviderConnectionError(redact(f"{type(error).__name__}: {error}"), **where)


def _is_retryable(failure: ProviderError) -> bool:
    if isinstance(failure, APIStatusError):
        return failure.status in _RETRY_STATUSES or failure.status >= 500
    return isinstance(failure, ProviderConnectionError | ConnectTimeoutError | IdleTimeoutError)
