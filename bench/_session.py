"""The aiohttp session of the clients that stream through aiohttp."""

from __future__ import annotations

import aiohttp

from bench._contract import TOTAL_TIMEOUT

__all__ = ["open_session"]


def open_session() -> aiohttp.ClientSession:
    """A session whose timeout never cuts a stream short (aiohttp's default total is 300 s)."""
    return aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=TOTAL_TIMEOUT))
