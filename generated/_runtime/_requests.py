# Generated from generator/runtime/_requests.py by `python -m generator build`: do not edit by hand.
# A copy of the generator's runtime: edit its source, then regenerate.
"""A request built from a spec's headers and body: checked, and encoded as it will be sent.

An endpoint and a step build their requests alike: the URL (one built from placeholders, already
percent-encoded, or the spec's own, encoded here), moved to ``base_url`` where the call says;
headers that cannot break the request; the body's exact bytes, JSON or form fields, with its
``Content-Type`` unless the spec gives one. A caller's mistake is a ``ConfigurationError``
before anything is sent.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from typing import Any, Literal, Protocol
from urllib.parse import urlencode, urlsplit

from yarl import URL

from ._auth import Request
from ._exceptions import ConfigurationError
from ._url import rebase_url

__all__ = ["FORBIDDEN_IN_HEADERS", "Target", "build_request", "check_headers", "refuse"]

FORBIDDEN_IN_HEADERS = re.compile("[\x00-\x08\x0a-\x1f\x7f]")
"""What a header value cannot hold: a line break, NUL or any other control character but the
tab (HTTP allows none; aiohttp would raise its own ValueError)."""
_CONTENT_TYPES = {"json": "application/json", "form": "application/x-www-form-urlencoded"}


class Target(Protocol):
    """Where a request goes and how its body is written: what an endpoint and a step share."""

    @property
    def provider(self) -> str: ...

    @property
    def method(self) -> str: ...

    @property
    def url(self) -> str:
        """The URL as the spec writes it."""
        ...

    @property
    def body_format(self) -> Literal["json", "form"]: ...


def build_request(
    target: Target,
    headers: Mapping[str, str],
    body: Any,
    *,
    url: str | None = None,
    base_url: str | None = None,
) -> Request:
    """The request for these headers and body (None for none), checked and encoded."""
    sent_to = target.url if url is None else url
    if base_url is not None:
        sent_to = rebase_url(sent_to, base_url)
    if url is None:  # written by the spec: encoded here, as it will be sent
        sent_to = str(URL(sent_to))
    check_headers(target, headers)
    _check_credentials(target, sent_to, headers)
    sent = dict(headers)
    data = b""
    if body is not None:
        data = _encode(target, body)
        if not any(name.lower() == "content-type" for name in sent):
            sent["Content-Type"] = _CONTENT_TYPES[target.body_format]
    return Request(target.method, sent_to, sent, data)


def check_headers(target: Target, headers: Mapping[str, str]) -> None:
    """Refuse a header value that would break the request (a line break, a NUL)."""
    for name, value in headers.items():
        if FORBIDDEN_IN_HEADERS.search(value):
            # The value is not quoted: it may be a secret.
            raise refuse(
                target,
                f"the value of header {name!r} has a line break or another control character in it",
            )


def _check_credentials(target: Target, url: str, headers: Mapping[str, str]) -> None:
    """Refuse a URL with credentials (a ``base_url``'s) for a request that sends its own
    Authorization header: the two cannot both be sent (aiohttp would raise its own error)."""
    has_credentials = "@" in urlsplit(url).netloc
    if has_credentials and any(name.lower() == "authorization" for name in headers):
        raise refuse(
            target,
            "the base_url has credentials, but the request sends its own Authorization header",
        )


def refuse(target: Target, message: str) -> ConfigurationError:
    """The error for a call that cannot be made as given."""
    return ConfigurationError(
        message, provider=target.provider, endpoint=f"{target.method} {target.url}"
    )


def _encode(target: Target, body: Any) -> bytes:
    """The body's exact bytes: JSON, or URL-encoded form fields."""
    if target.body_format == "form":
        return _form(target, body).encode("utf-8")
    try:
        return json.dumps(body, allow_nan=False).encode("utf-8")
    except (TypeError, ValueError) as error:
        raise refuse(target, f"the body cannot be sent as JSON: {error}") from None
    except RecursionError:
        raise refuse(target, "the body cannot be sent as JSON: it is nested too deeply") from None


def _form(target: Target, body: Mapping[str, object]) -> str:
    """A form body's fields, URL-encoded; booleans as JSON writes them."""
    fields: dict[str, str] = {}
    for key, value in body.items():
        if not isinstance(value, str | int | float | bool):
            raise refuse(
                target,
                f"form field {key!r} is a {type(value).__name__}: a form holds text, "
                "numbers and booleans",
            )
        if isinstance(value, float) and not math.isfinite(value):
            raise refuse(target, f"form field {key!r} is {value}: not a number to send")
        fields[key] = ("true" if value else "false") if isinstance(value, bool) else str(value)
    return urlencode(fields)
