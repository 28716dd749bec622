"""What a response says before its body is streamed: its status, where it redirects, its wait hint.

Only a 200 (or a 203, a proxy's copy of one) of an expected media type is an answer; a redirect
is an error and is never followed; an error status becomes the error for it.
"""

from __future__ import annotations

import email.utils
import math
import re
import time
from collections.abc import Mapping
from urllib.parse import urljoin, urlsplit

import aiohttp

from ._constants import ERROR_EXCERPT_BYTES, MAX_RETRY_AFTER
from ._exceptions import (
    APIStatusError,
    AuthenticationError,
    NotFoundError,
    PermissionDeniedError,
    ProviderError,
    RateLimitError,
    RedirectError,
    ServerError,
    UnexpectedContentTypeError,
    UnexpectedStatusError,
    shorten,
)
from ._framings import Origin

__all__ = ["check_response", "check_status", "handshake_error", "redirect_error", "retry_after"]

_ANSWERS = frozenset({200, 203})
_STATUS_ERRORS: dict[int, type[APIStatusError]] = {
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    429: RateLimitError,
}
_SECONDS = re.compile(r"[0-9]{1,10}(\.[0-9]{1,9})?")
"""A wait hint as a plain number: ASCII digits, a decimal part perhaps, nothing else (no NaN)."""
_LONGEST_SECRET = 1024
"""Bytes read past an error excerpt and dropped after redaction: no secret is longer."""


async def check_response(
    response: aiohttp.ClientResponse, content_types: tuple[str, ...], origin: Origin
) -> None:
    """Raise unless ``response`` is a streamed answer of one of ``content_types``."""
    await check_status(response, origin)
    status = response.status
    if status not in _ANSWERS:
        raise UnexpectedStatusError(status, provider=origin.provider, endpoint=origin.endpoint)
    if "*/*" in content_types or response.content_type in content_types:
        return
    raise UnexpectedContentTypeError(
        shorten(origin.redact(response.content_type)),
        await _excerpt(response, origin),
        provider=origin.provider,
        endpoint=origin.endpoint,
    )


async def check_status(
    response: aiohttp.ClientResponse, origin: Origin, redirect_answers: bool = False
) -> None:
    """Raise for a redirect (never followed; unless ``redirect_answers``, an error) or an error
    status; a step's answer may be any other."""
    status = response.status
    if 300 <= status < 400 and not redirect_answers:
        location = response.headers.get("Location", "")
        raise redirect_error(status, str(response.url), location, origin)
    if status >= 400:
        raise _status_error(status, response.headers, await _excerpt(response, origin), origin)


def redirect_error(status: int, url: str, location: str, origin: Origin) -> RedirectError:
    """The error for a redirect of ``url`` to ``location``, which is never followed."""
    return RedirectError(
        status,
        origin.redact(_origin_of(url, location)) if location else "",
        provider=origin.provider,
        endpoint=origin.endpoint,
    )


def handshake_error(status: int, headers: Mapping[str, str], origin: Origin) -> ProviderError:
    """The error for a WebSocket handshake answered with ``status`` rather than 101."""
    if status >= 400:
        return _status_error(status, headers, "", origin)
    return UnexpectedStatusError(status, provider=origin.provider, endpoint=origin.endpoint)


def _origin_of(url: str, location: str) -> str:
    """``scheme://host:port`` of ``location`` read against ``url``: where a redirect leads,
    without the path, query or credentials it carries."""
    try:
        parts = urlsplit(urljoin(url, location))
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port is not None else ""
    except ValueError:  # a malformed host or port
        return "(an invalid URL)"
    return shorten(f"{parts.scheme}://{host}{port}")


async def _excerpt(response: aiohttp.ClientResponse, origin: Origin) -> str:
    """The start of an error body, for the message; a secret echoed in it is redacted.

    The read goes on past the excerpt, and what comes after it is dropped once redacted: a
    secret that the end of the read cuts in two is never shown in part.
    """
    wanted = ERROR_EXCERPT_BYTES + _LONGEST_SECRET
    data = b""
    while len(data) < wanted:  # a read returns what has come so far: read on to the end
        chunk = await response.content.read(wanted - len(data))
        if not chunk:
            break
        data += chunk
    text = origin.redact(data.decode("utf-8", "replace"))
    if len(data) == wanted:
        text = text[:-_LONGEST_SECRET]
    return shorten(" ".join(text.split()))


def _status_error(
    status: int, headers: Mapping[str, str], excerpt: str, origin: Origin
) -> APIStatusError:
    error_type = _STATUS_ERRORS.get(status, ServerError if status >= 500 else APIStatusError)
    return error_type(
        status,
        excerpt,
        provider=origin.provider,
        endpoint=origin.endpoint,
        retry_after=retry_after(headers),
    )


def retry_after(headers: Mapping[str, str]) -> float | None:
    """The server's wait hint in seconds, from ``retry-after-ms`` or ``Retry-After``.

    Only a plain non-negative number or an HTTP date is a hint; anything else is none. A hint
    longer than ``MAX_RETRY_AFTER`` is cut to it.
    """
    for name, scale in (("retry-after-ms", 0.001), ("Retry-After", 1.0)):
        value = headers.get(name, "").strip()
        if _SECONDS.fullmatch(value):
            return min(float(value) * scale, MAX_RETRY_AFTER)
        if value and name == "Retry-After":
            return _until(value)
    return None


def _until(date: str) -> float | None:
    """Seconds from now until an HTTP date, at least 0 and at most ``MAX_RETRY_AFTER``."""
    try:
        wait = email.utils.parsedate_to_datetime(date).timestamp() - time.time()
    except (TypeError, ValueError, OverflowError):
        return None
    return min(max(wait, 0.0), MAX_RETRY_AFTER) if math.isfinite(wait) else None
