# Generated from generator/runtime/_gateway_pages.py by `python -m generator build`: do not edit by hand.
# A copy of the generator's runtime: edit its source, then regenerate.
"""What a gateway without a key refuses: every request a web page could make it serve.

A page cannot send the gateway's key, so a gateway with one is safe from pages. Without one,
a page reaches a loopback server in two ways, both refused here before anything is sent
upstream:

- by a name of its own that its DNS server rebinds to 127.0.0.1: the request's ``Host`` is
  that name, and the page then reads the answers as its own. Only loopback names (``localhost``
  and loopback addresses) are answered, any address too when the gateway serves other
  machines (``--insecure``): no page names a server by an address it could rebind;
- by a cross-origin request that needs no CORS preflight: its ``Origin`` is the page's (or
  ``null``), or it carries a body that is not declared JSON (``text/plain``, a form, a bare
  ``Blob``), which a page sends without asking. A client that is no browser sends no
  ``Origin``, or the gateway's own.
"""

from __future__ import annotations

import ipaddress
import re

from ._gateway_errors import GatewayError

__all__ = ["is_loopback", "page_refusal"]

_LOOPBACK_NAME = "localhost"

_HOST = re.compile(r"(\[[0-9A-Fa-f:.]+\]|[^\[\]:@/\s]+)(?::\d{1,5})?")
"""A Host header: a name or address, an IPv6 address in brackets, and a port."""

_JSON = "application/json"


def page_refusal(
    *, host: str | None, origin: str | None, content_type: str | None, any_address: bool
) -> GatewayError | None:
    """Why a request without a key is refused (403, 415), or None when no page could send it.

    ``content_type`` is the media type of a request with a body (None for one without), without
    its parameters; ``any_address`` lets in a ``Host`` that is any IP address.
    """
    if host is None or not _is_own_host(host, any_address=any_address):
        allowed = "an IP address or localhost" if any_address else "localhost or 127.0.0.1"
        return _forbidden(
            f"Host {host or ''!r} is not this gateway's: without a key it answers {allowed} "
            "only, no name a web page could point at it",
            "host_not_allowed",
        )
    own = host.lower()
    if origin is not None and origin.lower() not in (f"http://{own}", f"https://{own}"):
        return _forbidden(
            f"Origin {origin!r} is not this gateway's: without a key it answers no web page "
            "of another origin (serve --api-key-env NAME lets a page in with the key)",
            "origin_not_allowed",
        )
    if content_type is not None and content_type.lower() != _JSON:
        message = (
            f"Content-Type must be {_JSON}: without a key the gateway reads no body a web page "
            "could send without asking"
        )
        return GatewayError(
            415, message, type="invalid_request_error", code="unsupported_media_type"
        )
    return None


def _is_own_host(host: str, *, any_address: bool) -> bool:
    found = _HOST.fullmatch(host)
    if found is None:
        return False
    name = found[1].strip("[]").lower()
    return is_loopback(name) or (any_address and _address(name) is not None)


def is_loopback(name: str) -> bool:
    """Whether ``name`` (as written: ``localhost`` or an address) is this machine's alone."""
    address = _address(name)
    return name == _LOOPBACK_NAME or (address is not None and address.is_loopback)


def _address(name: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(name)
    except ValueError:
        return None


def _forbidden(message: str, code: str) -> GatewayError:
    return GatewayError(403, message, type="invalid_request_error", code=code)
