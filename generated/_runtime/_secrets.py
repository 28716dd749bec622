# Generated from generator/runtime/_secrets.py by `python -m generator build`: do not edit by hand.
# A copy of the generator's runtime: edit its source, then regenerate.
"""The forms a secret takes where a server echoes it: as it is, URL-escaped, JSON-escaped.

Whatever quotes what a server sent (an error, a recording) replaces each of these forms, so a
key the server wrote back into a JSON string or a URL is found as surely as a bare one.
"""

from __future__ import annotations

import json
from urllib.parse import quote, quote_plus

__all__ = ["SHORTEST_REDACTED", "secret_forms"]

SHORTEST_REDACTED = 4
"""Shorter secret values are not searched for in text: they would garble it."""


def secret_forms(value: str) -> list[str]:
    """``value`` as it is, URL-escaped (wholly, as a path, as a form), and JSON-escaped (in
    ASCII or not, the solidus escaped or not); each form once."""
    escaped = [json.dumps(value)[1:-1], json.dumps(value, ensure_ascii=False)[1:-1]]
    forms = [value, quote(value, safe=""), quote(value), quote_plus(value), *escaped]
    forms += [form.replace("/", "\\/") for form in escaped]
    return list(dict.fromkeys(forms))
