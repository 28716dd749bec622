"""What the code a spec's values compile to needs of the runtime besides the standard library."""

from __future__ import annotations

import re

__all__ = ["utf8"]

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def utf8(text: str) -> bytes:
    """``text``'s UTF-8, as a browser's ``TextEncoder`` gives it: a lone surrogate (a caller's
    text may hold one; no server's can) becomes U+FFFD instead of an error."""
    try:
        return text.encode()
    except UnicodeEncodeError:
        return _LONE_SURROGATE.sub("\ufffd", text).encode()
