"""What a call may wait for and how often it may try: timeouts and the retry policy."""

from __future__ import annotations

import random
from dataclasses import dataclass

from ._constants import (
    DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_IDLE_TIMEOUT,
    DEFAULT_INITIAL_BACKOFF,
    DEFAULT_MAX_BACKOFF,
    DEFAULT_MAX_RETRIES,
    DEFAULT_RETRY_SILENT_STREAMS,
    DEFAULT_TOTAL_TIMEOUT,
)

__all__ = ["Retries", "Timeouts"]


@dataclass(frozen=True)
class Timeouts:
    """Seconds to wait: to connect, for the next byte mid-stream, for the whole call.

    ``None`` means no limit. ``total`` covers every attempt and the waits between them.
    """

    connect: float | None = DEFAULT_CONNECT_TIMEOUT
    idle: float | None = DEFAULT_IDLE_TIMEOUT
    total: float | None = DEFAULT_TOTAL_TIMEOUT


@dataclass(frozen=True)
class Retries:
    """Retry policy for failures that happen before the first delta is yielded."""

    max_retries: int = DEFAULT_MAX_RETRIES
    initial_backoff: float = DEFAULT_INITIAL_BACKOFF
    max_backoff: float = DEFAULT_MAX_BACKOFF
    """The longest wait between two attempts, the server's hint included."""
    silent_streams: bool = DEFAULT_RETRY_SILENT_STREAMS
    """Whether a stream that answered 200 but failed before yielding anything is retried."""

    def backoff(self, attempt: int) -> float:
        """Seconds before retry number ``attempt`` (0-based): doubling, less up to 25% jitter."""
        # The exponent stops where the wait is at max_backoff anyway, short of a float overflow.
        delay = min(self.initial_backoff * 2.0 ** min(attempt, 64), self.max_backoff)
        return delay * random.uniform(0.75, 1.0)
