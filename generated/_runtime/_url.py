# Generated from generator/runtime/_url.py by `python -m generator build`: do not edit by hand.
# A copy of the generator's runtime: edit its source, then regenerate.
"""URLs: values placed in a URL, and a URL moved to another server.

A URL built with placeholders is sent exactly as built (already percent-encoded), so nothing
between here and the server may decode or normalise it.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping
from urllib.parse import quote, urlsplit, urlunsplit

__all__ = [
    "URL_SAFE",
    "BaseURL",
    "base_url_for",
    "is_http_url",
    "origin_of",
    "quote_path",
    "quote_query",
    "rebase_url",
]

BaseURL = str | Mapping[str, str]
"""Where a call is pointed: one server for the requests that share the streamed request's
origin, or a server for each origin named (``{"https://www.bing.com": "http://..."}``); in a
name, ``*`` stands for any text, for a host picked per call (``"https://*.example.com"``)."""

URL_SAFE = "!#$%&'()*+,/:;=?@[]~"
"""What stays as it is when a URL's written text is encoded: its delimiters and escapes."""

_DOT_SEGMENTS = {".": "%2E", "..": "%2E%2E"}


def _text(value: object) -> str:
    """``value`` as text; booleans as JSON writes them."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def quote_path(value: object) -> str:
    """``value`` as one path segment: every character but letters, digits and ``-._~`` escaped.

    ``.`` and ``..`` are escaped too: unescaped, they would be read as "this" and "parent".
    """
    text = _text(value)
    return _DOT_SEGMENTS.get(text) or quote(text, safe="")


def quote_query(value: object) -> str:
    """``value`` as a query value: ``&``, ``=``, ``+``, spaces and the rest escaped."""
    return quote(_text(value), safe="")


def is_http_url(url: object) -> bool:
    """Whether ``url`` is an http(s) URL with a host and a valid port, as ``base_url=`` and
    ``proxy=`` must be."""
    if not isinstance(url, str):
        return False
    try:
        parts = urlsplit(url)
        return parts.scheme in ("http", "https") and bool(parts.hostname) and parts.port != 0
    except ValueError:  # a malformed IPv6 host or port
        return False


def rebase_url(url: str, base_url: str) -> str:
    """``url`` moved to ``base_url``'s scheme, host and port, under ``base_url``'s path."""
    endpoint = urlsplit(url)
    base = urlsplit(base_url)
    path = quote(base.path.rstrip("/"), safe=URL_SAFE) + endpoint.path
    return urlunsplit((base.scheme, base.netloc, path, endpoint.query, ""))


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` of ``url``, lower-cased: how a ``base_url`` mapping names it."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}".lower()


def base_url_for(base_url: BaseURL | None, url: str, same_origin: bool) -> str | None:
    """Where a request to ``url`` is moved: ``base_url`` itself for a request that shares the
    streamed request's origin, or the server a mapping names for ``url``'s origin."""
    if base_url is None or isinstance(base_url, str):
        return base_url if same_origin else None
    origin = origin_of(url)
    if origin in base_url:
        return base_url[origin]
    for pattern, server in base_url.items():
        if "*" in pattern and fnmatch.fnmatchcase(origin, pattern.lower()):
            return server
    return None
