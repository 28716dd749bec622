# Generated from generator/runtime/_exceptions.py by `python -m generator build`: do not edit by hand.
# A copy of the generator's runtime: edit its source, then regenerate.
"""Every error a generated provider raises, in one hierarchy.

Catch :class:`ProviderError` for all of them. Each error names the provider and the endpoint
(method and URL, never a header or a secret), so a message is useful on its own in a log::

    ProviderError
    ├── ConfigurationError            the call cannot be made as configured
    │   ├── MissingSecretError        an environment variable the spec needs is not set
    │   └── UnknownProviderError      no provider of the package has that name (a LookupError)
    ├── ProviderConnectionError       connecting or reading failed (reset, refused, DNS)
    │   └── TLSError                  the TLS handshake or the certificate failed; not retried
    ├── ProviderTimeoutError          also a TimeoutError
    │   ├── ConnectTimeoutError       no connection within the connect timeout
    │   ├── IdleTimeoutError          no bytes for the idle timeout, mid-stream
    │   └── TotalTimeoutError         the whole call took longer than the total timeout
    ├── APIStatusError                an HTTP status >= 400
    │   ├── AuthenticationError       401
    │   ├── PermissionDeniedError     403
    │   ├── NotFoundError             404
    │   ├── RateLimitError            429
    │   └── ServerError               >= 500
    ├── ServerReportedError           the stream carried an error message from the server
    ├── PackageReloadedError          the package was imported anew: ask its new registry
    └── ProtocolError                 the response is not the stream the spec describes
        ├── RedirectError             a 3xx: redirects are never followed
        ├── UnexpectedStatusError     a status below 300 other than 200 or 203
        ├── UnexpectedContentTypeError
        ├── MalformedEventError       an event or line that is not valid JSON
        ├── EventTooLargeError        a line or event over the size limit
        ├── ResponseLimitError        too many bytes in all, or too many without an event
        ├── IncompleteStreamError     the body ended before the spec's stop condition
        └── MissingValueError         a step's answer lacks a value the spec takes from it

Protocol errors, configuration errors, TLS errors and statuses below 500 other than 408 and 429
are never retried.
"""

from __future__ import annotations

from collections.abc import Sequence

from ._constants import ERROR_EXCERPT_CHARACTERS

__all__ = [
    "APIStatusError",
    "AuthenticationError",
    "ConfigurationError",
    "ConnectTimeoutError",
    "EventTooLargeError",
    "IdleTimeoutError",
    "IncompleteStreamError",
    "MalformedEventError",
    "MissingSecretError",
    "MissingValueError",
    "NotFoundError",
    "PackageReloadedError",
    "PermissionDeniedError",
    "ProtocolError",
    "ProviderConnectionError",
    "ProviderError",
    "ProviderTimeoutError",
    "RateLimitError",
    "RedirectError",
    "ResponseLimitError",
    "ServerError",
    "ServerReportedError",
    "TLSError",
    "TotalTimeoutError",
    "UnexpectedContentTypeError",
    "UnexpectedStatusError",
    "UnknownProviderError",
    "did_you_mean",
    "shorten",
]


def shorten(text: str, limit: int = ERROR_EXCERPT_CHARACTERS) -> str:
    """Return ``text`` cut to ``limit`` characters, marking the cut with an ellipsis."""
    if len(text) <= limit:
        return text
    return text[: limit - 1] + "…"


class ProviderError(Exception):
    """Base class of every error raised by a generated provider."""

    def __init__(self, message: str, *, provider: str, endpoint: str) -> None:
        super().__init__(f"{provider}: {message} [{endpoint}]")
        self.message = message
        self.provider = provider
        self.endpoint = endpoint


class ConfigurationError(ProviderError):
    """The call cannot be made as configured; retrying will not help."""


class MissingSecretError(ConfigurationError):
    """A header needs an environment variable that is not set."""

    def __init__(self, variable: str, *, provider: str, endpoint: str) -> None:
        super().__init__(
            f"environment variable {variable} is not set (the spec reads it)",
            provider=provider,
            endpoint=endpoint,
        )
        self.variable = variable


def did_you_mean(matches: Sequence[str]) -> str:
    """``; did you mean A or B?`` naming ``matches``, to end a message with; empty for none."""
    return f"; did you mean {' or '.join(matches)}?" if matches else ""


class UnknownProviderError(ConfigurationError, LookupError):
    """No provider of the package has the name asked for; ``matches`` are the close ones."""

    def __init__(self, name: str, package: str, matches: list[str]) -> None:
        super().__init__(
            f"no such provider{did_you_mean(matches)}",
            provider=name,
            endpoint=f"package {package}",
        )
        self.name = name
        self.matches = matches


class PackageReloadedError(ProviderError):
    """The provider's package was imported anew (the gateway's reload does) since this
    registry was made: its modules are the new package's, so look the provider up in the new
    package's registry."""

    def __init__(self, name: str, package: str) -> None:
        super().__init__(
            "the package was imported anew since this registry was made: use the new one's",
            provider=name,
            endpoint=f"package {package}",
        )


class ProviderConnectionError(ProviderError):
    """The connection failed or broke: refused, reset, closed early, or a DNS failure."""


class TLSError(ProviderConnectionError):
    """The TLS handshake failed or the server's certificate was refused; never retried."""


class ProviderTimeoutError(ProviderError, TimeoutError):
    """A timeout expired; the subclass says which."""


class ConnectTimeoutError(ProviderTimeoutError):
    """No connection was made within the connect timeout."""


class IdleTimeoutError(ProviderTimeoutError):
    """The server sent no bytes for the idle timeout."""


class TotalTimeoutError(ProviderTimeoutError):
    """The whole call, retries included, took longer than the total timeout."""


class APIStatusError(ProviderError):
    """The server answered with an HTTP status >= 400.

    ``retry_after`` is the server's wait hint in seconds (``Retry-After``), if it gave one.
    """

    def __init__(
        self,
        status: int,
        body_excerpt: str,
        *,
        provider: str,
        endpoint: str,
        retry_after: float | None = None,
    ) -> None:
        detail = f": {body_excerpt}" if body_excerpt else ""
        super().__init__(f"HTTP {status}{detail}", provider=provider, endpoint=endpoint)
        self.status = status
        self.body_excerpt = body_excerpt
        self.retry_after = retry_after


class AuthenticationError(APIStatusError):
    """401: the credentials are missing or wrong."""


class PermissionDeniedError(APIStatusError):
    """403: the credentials do not allow this request."""


class NotFoundError(APIStatusError):
    """404: the endpoint or the model does not exist."""


class RateLimitError(APIStatusError):
    """429: too many requests; see ``retry_after``."""


class ServerError(APIStatusError):
    """A status >= 500: the server failed."""


class ServerReportedError(ProviderError):
    """The stream carried an error from the server; ``server_message`` is its text, as it came.

    The message holds it as one line, its runs of whitespace (line breaks too) made one space,
    as an error body is: a failure is one line, in a log or on a terminal.
    """

    def __init__(
        self,
        server_message: str,
        *,
        provider: str,
        endpoint: str,
        server_type: str | None = None,
    ) -> None:
        kind = "" if server_type is None else f"{server_type}: "
        super().__init__(
            f"the server reported an error: {kind}{shorten(' '.join(server_message.split()))}",
            provider=provider,
            endpoint=endpoint,
        )
        self.server_message = server_message
        self.server_type = server_type
        """The type the server gave the error, where it gives one (AWS's exception type:
        ``throttlingException``, ``validationException``, ...)."""


class ProtocolError(ProviderError):
    """The response is not the stream the spec describes."""


class RedirectError(ProtocolError):
    """The server redirected the request: redirects are never followed.

    ``location`` is the origin redirected to (scheme, host and port: no path, no query), or
    ``""`` when the response said none.
    """

    def __init__(self, status: int, location: str, *, provider: str, endpoint: str) -> None:
        where = f"to {location}" if location else "without a Location"
        super().__init__(
            f"HTTP {status}: redirected {where}; redirects are not followed",
            provider=provider,
            endpoint=endpoint,
        )
        self.status = status
        self.location = location


class UnexpectedStatusError(ProtocolError):
    """A status below 300 that is no streamed answer (202 Accepted, 204 No Content, a 1xx)."""

    def __init__(self, status: int, *, provider: str, endpoint: str) -> None:
        super().__init__(
            f"HTTP {status} is not a streamed answer", provider=provider, endpoint=endpoint
        )
        self.status = status


class UnexpectedContentTypeError(ProtocolError):
    """The response's Content-Type is not one the spec's framing accepts."""

    def __init__(
        self, content_type: str, body_excerpt: str, *, provider: str, endpoint: str
    ) -> None:
        super().__init__(
            f"unexpected content type {content_type!r}: {body_excerpt!r}",
            provider=provider,
            endpoint=endpoint,
        )
        self.content_type = content_type
        self.body_excerpt = body_excerpt


class MalformedEventError(ProtocolError):
    """An event or line could not be parsed; ``line`` quotes it, shortened."""

    def __init__(self, reason: str, line: str, *, provider: str, endpoint: str) -> None:
        self.line = shorten(line)
        super().__init__(f"{reason}: {self.line!r}", provider=provider, endpoint=endpoint)


class EventTooLargeError(ProtocolError):
    """A line or event grew past the size limit before it ended."""

    def __init__(self, limit: int, *, provider: str, endpoint: str) -> None:
        super().__init__(
            f"a line or event exceeded the limit of {limit} characters",
            provider=provider,
            endpoint=endpoint,
        )
        self.limit = limit


class ResponseLimitError(ProtocolError):
    """The response passed one of its bounds: its size in all, or its bytes without an event.

    A stream of blank lines or padding, compressed or not, ends here instead of keeping a core
    busy.
    """

    def __init__(self, reason: str, limit: int, *, provider: str, endpoint: str) -> None:
        super().__init__(f"{reason} (limit {limit} bytes)", provider=provider, endpoint=endpoint)
        self.limit = limit


class IncompleteStreamError(ProtocolError):
    """The body ended before the stop condition: the answer is truncated."""


class MissingValueError(ProtocolError):
    """A step's answer lacks a value the spec takes from it: ``step`` and ``value`` name them,
    ``where`` says where it was looked for (a JSONPath, a pattern, a header, a cookie)."""

    def __init__(self, step: str, value: str, where: str, *, provider: str, endpoint: str) -> None:
        super().__init__(
            f"the answer of step {step} has no {value} (looked for: {where})",
            provider=provider,
            endpoint=endpoint,
        )
        self.step = step
        self.value = value
