"""The names a generated module binds for itself, which a spec's classes and parameters may not
take: the arguments and locals of ``create_async_generator``, the library names it imports, the
runtime's exported names and Python's builtins.

The emitter writes its code with these names and the spec's reader refuses them, both from here.
"""

from __future__ import annotations

import builtins
from functools import cache

from .._runtime_source import exported_names
from ..runtime._provider import CALL_OPTIONS

__all__ = ["CALL_OPTIONS", "FUNCTION_LOCALS", "LIBRARY_NAMES", "URL_LOCAL", "reserved_names"]

URL_LOCAL = "endpoint_url"
"""The local variable a URL with placeholders is built into."""

FUNCTION_LOCALS = (
    *("cls", "model", "messages", "kwargs", "headers", "body", URL_LOCAL),
    *("call", "answer", "kept", "items", "message", "signer"),
)
"""The arguments and locals of ``create_async_generator`` and ``_exchanges`` besides the call
options (``message`` is the variable of a comprehension over the messages)."""

LIBRARY_NAMES: dict[str, str | None] = {
    # name: the module it comes from, or None for a module imported as a whole
    "aiohttp": None,
    "base64": None,
    "hashlib": None,
    "hmac": None,
    "json": None,
    "os": None,
    "random": None,
    "re": None,
    "time": None,
    "uuid": None,
    "Any": "typing",
    "ClassVar": "typing",
    "AsyncGenerator": "collections.abc",
    "Mapping": "collections.abc",
    "Sequence": "collections.abc",
}
"""The names a generated module may import from outside the runtime."""


@cache
def reserved_names() -> frozenset[str]:
    """Names a spec may not give a class or a parameter: they would shadow the generated code's."""
    return frozenset(
        {*FUNCTION_LOCALS, *CALL_OPTIONS, *LIBRARY_NAMES, *exported_names(), *dir(builtins)}
    )
