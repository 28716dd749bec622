"""What every client of the bench is, and the limits each runs under.

A client is a function of the stream's base URL and format that opens what it needs (a session,
an SDK client) and gives the stream, not yet started: the measurement times iterating it, from
the request to the last delta, and nothing of the set-up.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager

from bench._bodies import Format

__all__ = ["RESPONSE_LIMIT", "TOTAL_TIMEOUT", "Client"]

Client = Callable[[str, Format], AbstractAsyncContextManager[AsyncIterator[str | bytes]]]

TOTAL_TIMEOUT = 3600.0
"""Seconds any client may take for one stream: no default timeout may cut a long run."""

RESPONSE_LIMIT = 64 << 20
"""The generated runtime's default ``max_response_bytes``: a longer body needs it lifted."""
