"""The seam where a request, built and about to be sent, is signed or given a token.

Every request of a call passes through its endpoint's :class:`Auth` on every attempt, retries
included, just before it is sent: it sees the method, the URL, the headers and the exact bytes
of the body, and may add or change headers. A signature over the time and the body (AWS
Signature Version 4, say) is made there afresh for each attempt.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Auth", "Request"]


@dataclass
class Request:
    """One request as it will go out: what an :class:`Auth` sees and may add headers to.

    ``url`` is the URL as sent, percent-encoded; ``body`` the exact bytes (empty for none).
    Only the method is in its representation: the rest may hold secrets, which a traceback
    with its frames' locals would show.
    """

    method: str
    url: str = field(repr=False)
    headers: dict[str, str] = field(repr=False)
    body: bytes = field(default=b"", repr=False)


class Auth:
    """How a request is authenticated; this base class adds nothing.

    A subclass overrides :meth:`auth_flow`, which the runtime awaits for each attempt of each
    request, after the body is encoded and before anything is sent.
    """

    async def auth_flow(self, request: Request) -> None:
        """Add or change ``request.headers`` for this attempt."""
        return None
