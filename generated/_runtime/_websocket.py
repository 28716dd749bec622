# Generated from generator/runtime/_websocket.py by `python -m generator build`: do not edit by hand.
# A copy of the generator's runtime: edit its source, then regenerate.
"""A WebSocket exchange: the connection, what is sent once connected, the messages read.

The socket is opened by a session of its own that shares the call's cookie jar (the cookies a
step was given go along) and refuses to follow a redirect of the handshake, which aiohttp's
``ws_connect`` would otherwise follow, headers and all. ``Call.websocket`` makes the exchange,
retried as a streamed request is while nothing has been read.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass

import aiohttp

__all__ = ["Redirected", "Wait", "socket_session"]


@dataclass(frozen=True)
class Wait:
    """Between the messages a spec sends: wait for ``count`` messages, and pass them over."""

    count: int = 1


class Redirected(Exception):
    """The handshake was answered with a redirect, which is never followed."""

    def __init__(self, status: int, url: str, location: str) -> None:
        super().__init__(status)
        self.status = status
        self.url = url
        self.location = location


async def _refuse_redirects(
    request: aiohttp.ClientRequest, handler: aiohttp.ClientHandlerType
) -> aiohttp.ClientResponse:
    response = await handler(request)
    if 300 <= response.status < 400:
        response.release()
        raise Redirected(response.status, str(response.url), response.headers.get("Location", ""))
    return response


@contextlib.asynccontextmanager
async def socket_session(
    jar: aiohttp.abc.AbstractCookieJar, timeout: aiohttp.ClientTimeout
) -> AsyncIterator[aiohttp.ClientSession]:
    """A session for one handshake: the call's cookie jar, no redirect followed."""
    async with aiohttp.ClientSession(
        cookie_jar=jar, timeout=timeout, middlewares=(_refuse_redirects,)
    ) as session:
        yield session
