"""Reading a body through a framing as the endpoint does, without a network: with any copy of
the runtime."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def read_body(
    framing: Any, pieces: Iterable[bytes], origin: Any, failure: type[Exception]
) -> tuple[list[Any], Any]:
    """What ``framing`` makes of a body arriving as ``pieces``: the items, and the error that
    ended it or None; ``failure`` is the ``ProviderError`` of the runtime ``framing`` is of."""
    reader = framing.reader(origin)
    items: list[Any] = []
    try:
        for piece in pieces:
            if reader.feed(piece, items):
                return items, None
        reader.end(items)
    except failure as error:
        return items, error
    return items, None
