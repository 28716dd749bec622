"""The seam where a request, built and about to be sent, is signed or given a token.

Every request of a call passes through its endpoint's :class:`Auth` on every attempt, retries
included, just before it is sent. As in httpx, ``auth_flow`` is a generator: it yields the
request to send, headers added or changed, and is sent back the status and headers of the
answer; it may yield the request once more (with a refreshed token, after a 401, say), or end,
and the last answer is the one the call reads. It sees the method, the URL as sent, the headers
and the exact bytes of the body, so a signature over the time and the body (AWS Signature
Version 4, say) is made afresh for each attempt. aiohttp adds ``Host``, ``Content-Length`` and
the session's default headers afterwards.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Mapping
from dataclasses import dataclass, field
from typing import ClassVar

__all__ = ["Auth", "Request", "Response"]


@dataclass(frozen=True)
class Request:
    """One request as it will go out: what an :class:`Auth` sees and may add headers to.

    ``url`` is the URL as sent, percent-encoded; ``body`` the exact bytes (empty for none).
    Only ``headers`` may change. Only the method is in its representation: the rest may hold
    secrets, which a traceback with its frames' locals would show.
    """

    method: str
    url: str = field(repr=False)
    headers: dict[str, str] = field(repr=False)
    body: bytes = field(default=b"", repr=False)


@dataclass(frozen=True)
class Response:
    """What an :class:`Auth` is told of the answer to a request it yielded."""

    status: int
    headers: Mapping[str, str] = field(repr=False)


class Auth:
    """How a request is authenticated; this base class adds nothing.

    A subclass overrides :meth:`auth_flow`, which the call runs for each attempt of each
    request, after the body is encoded and before anything is sent. A value it adds to the
    headers is kept out of every error, like the spec's own secrets, but for the headers it
    names in ``public_headers`` (lower case): a time, say, which an error may well show.
    """

    public_headers: ClassVar[frozenset[str]] = frozenset()

    async def auth_flow(self, request: Request) -> AsyncGenerator[Request, Response]:
        """Yield ``request`` to send it (its headers changed as needed), once or more."""
        yield request
