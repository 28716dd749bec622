"""Routes: a model name that stands for several providers, tried in turn.

A route's next provider is tried when one fails before its first delta, for any failure but
the client's own: a value the provider refuses (``ConfigurationError``) or an upstream 400,
413 or 422, which the next provider would most likely refuse too. Connection errors, timeouts,
429, 5xx, a key the upstream refuses, an error reported inside a 200 and a truncated answer all
fall over. Once a delta has gone to the client nothing switches: the text sent cannot be taken
back. The provider that answered is named in ``X-Served-By``; when every one failed, the error
names each attempt.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

from ._constants import GATEWAY_ROUTE_MEMORY, GATEWAY_ROUTE_MEMORY_SECONDS
from ._exceptions import APIStatusError, ConfigurationError, ProviderError, UnknownProviderError
from ._gateway_errors import GatewayError, upstream_error
from ._registry import Registry

__all__ = [
    "ROUTE_ORDERS",
    "SERVED_BY_HEADER",
    "RecentSuccess",
    "checked_routes",
    "falls_over",
    "route_failed",
]

ROUTE_ORDERS = ("in_turn", "recent_success")
"""How a route orders its targets: as written, or by how many of their recent attempts
answered (as gpt4free's RetryProvider shuffles and LiteLLM's router balances)."""

T = TypeVar("T")

SERVED_BY_HEADER = "X-Served-By"
"""Names the ``PROVIDER/MODEL`` that answered."""

_CLIENTS_OWN = frozenset({400, 413, 422})
"""Upstream statuses that refuse the request itself: another provider would refuse it too."""


def checked_routes(
    registry: Registry, routes: Mapping[str, Sequence[str]]
) -> dict[str, tuple[str, ...]]:
    """``routes``, each target ``PROVIDER/MODEL`` (or ``PROVIDER``) with its provider's
    canonical name; raises ``UnknownProviderError`` for a target of no provider, and
    ``ValueError`` for a route of no target."""
    checked: dict[str, tuple[str, ...]] = {}
    for alias, targets in routes.items():
        if not targets:
            raise ValueError(f"route {alias!r} names no provider")
        canonical = []
        for target in targets:
            name, slash, model = target.partition("/")
            canonical.append(f"{registry.info(name).name}{slash}{model}")
        checked[alias] = tuple(canonical)
    return checked


class RecentSuccess:
    """The recent attempts of each target, and the targets ordered by them: the share of its
    last GATEWAY_ROUTE_MEMORY attempts of the last GATEWAY_ROUTE_MEMORY_SECONDS that
    answered, best first, one with none as good as one that always answered, ties in the
    route's own order."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._outcomes: dict[str, deque[tuple[float, bool]]] = {}
        self._clock = clock

    def ordered(self, targets: Sequence[T], name: Callable[[T], str]) -> list[T]:
        return sorted(targets, key=lambda target: -self._share(name(target)))

    def _share(self, target: str) -> float:
        outcomes = self._outcomes.get(target)
        if outcomes is None:
            return 1.0
        forgotten = self._clock() - GATEWAY_ROUTE_MEMORY_SECONDS
        while outcomes and outcomes[0][0] < forgotten:
            outcomes.popleft()
        return 1.0 if not outcomes else sum(answered for _, answered in outcomes) / len(outcomes)

    def record(self, target: str, answered: bool) -> None:
        outcomes = self._outcomes.setdefault(target, deque(maxlen=GATEWAY_ROUTE_MEMORY))
        outcomes.append((self._clock(), answered))


def falls_over(error: ProviderError) -> bool:
    """Whether a route tries its next provider after ``error`` (before any delta)."""
    if isinstance(error, ConfigurationError | UnknownProviderError):
        return False
    return not (isinstance(error, APIStatusError) and error.status in _CLIENTS_OWN)


def route_failed(alias: str, failures: Sequence[tuple[str, ProviderError]]) -> GatewayError:
    """The answer when every provider of route ``alias`` failed: the last failure's status
    and kind, and each attempt's error in the message."""
    last = upstream_error(failures[-1][1])
    if len(failures) == 1:
        return last
    attempts = "; ".join(f"{target}: {error}" for target, error in failures)
    return GatewayError(
        last.status,
        f"every provider of {alias!r} failed: {attempts}",
        type=last.type,
        code="route_failed",
        retry_after=last.retry_after,
    )
