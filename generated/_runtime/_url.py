# Generated from generator/runtime/_url.py by `python -m generator build`: do not edit by hand.
# A copy of the generator's runtime: edit its source, then regenerate.
"""URLs: values placed in a URL, and a URL moved to another server."""

from __future__ import annotations

from urllib.parse import quote, urlsplit, urlunsplit

__all__ = ["quote_path", "quote_query", "rebase_url", "valid_base_url"]


def quote_path(value: object) -> str:
    """``value`` as one path segment: every character but letters, digits and ``-._~`` escaped."""
    return quote(str(value), safe="")


def quote_query(value: object) -> str:
    """``value`` as a query value: ``&``, ``=``, ``+``, spaces and the rest escaped."""
    return quote(str(value), safe="")


def valid_base_url(base_url: str) -> bool:
    """Whether ``base_url`` is an http(s) URL with a host, as ``base_url=`` must be."""
    try:
        parts = urlsplit(base_url)
        return parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:  # a malformed IPv6 host or port
        return False


def rebase_url(url: str, base_url: str) -> str:
    """``url`` moved to ``base_url``'s scheme, host and port, under ``base_url``'s path."""
    endpoint = urlsplit(url)
    base = urlsplit(base_url)
    path = base.path.rstrip("/") + endpoint.path
    return urlunsplit((base.scheme, base.netloc, path, endpoint.query, ""))
