# Generated from generator/runtime/_secrets.py by `python -m generator build`: do not edit by hand.
# A copy of the generator's runtime: edit its source, then regenerate.
"""Secrets kept out of what is shown: each one's value replaced by ``<NAME>``, in every form.

Whatever quotes what a server sent (an error, a recording) replaces each of a secret's forms
(as it is, URL-escaped, JSON-escaped), in any case, so a key the server wrote back into a JSON
string or a URL is found as surely as a bare one.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import json
import re
from collections.abc import Iterable
from urllib.parse import quote, quote_plus, unquote, urlsplit

__all__ = ["SHORTEST_REDACTED", "Redactor", "secret_forms", "url_credentials"]

SHORTEST_REDACTED = 4
"""Shorter secret values are not searched for in text: they would garble it."""


def secret_forms(value: str) -> list[str]:
    """``value`` as it is, URL-escaped (wholly, as a path, as a form), and JSON-escaped (in
    ASCII or not, the solidus escaped or not); each form once."""
    escaped = [json.dumps(value)[1:-1], json.dumps(value, ensure_ascii=False)[1:-1]]
    forms = [value, quote(value, safe=""), quote(value), quote_plus(value), *escaped]
    forms += [form.replace("/", "\\/") for form in escaped]
    return list(dict.fromkeys(forms))


def url_credentials(url: str | None, name: str) -> list[tuple[str, str]]:
    """The userinfo of ``url``, whole and in parts, escaped and not, and as the Basic
    authorization sent for it (which a server may echo), each with ``name``, the name it is
    shown as instead."""
    if url is None:
        return []
    userinfo, at, _ = urlsplit(url).netloc.rpartition("@")
    if not (at and userinfo):
        return []
    user, _, password = userinfo.partition(":")
    forms = {form for part in (userinfo, user, password) for form in (part, unquote(part))}
    with contextlib.suppress(UnicodeEncodeError):  # then it cannot be sent either
        basic = f"{unquote(user)}:{unquote(password)}".encode("latin-1")
        forms.add(base64.b64encode(basic).decode("ascii"))
    return [(form, name) for form in forms]


class Redactor:
    """Replaces each secret's value with ``<NAME>``, in each of its :func:`secret_forms`, in
    any case (a host name comes back lower-cased).

    ``secrets`` are (value, name) pairs; values shorter than :data:`SHORTEST_REDACTED` are
    left alone. A value that holds another is replaced whole: the longest go first.
    """

    def __init__(self, secrets: Iterable[tuple[str, str]]) -> None:
        forms: dict[str, tuple[str, str]] = {}
        for value, name in secrets:
            for form in secret_forms(value):
                if len(form) >= SHORTEST_REDACTED:
                    forms.setdefault(form.lower(), (form, f"<{name}>"))
        ordered = sorted(forms.values(), key=lambda pair: len(pair[0]), reverse=True)
        self.names = [shown for _, shown in ordered]
        """What each alternative of the patterns is replaced by, in their order."""
        self._groups = "|".join(f"({re.escape(form)})" for form, _ in ordered) or "(?!)"
        self.text_pattern = re.compile(self._groups, re.IGNORECASE)

    @functools.cached_property
    def bytes_pattern(self) -> re.Pattern[bytes]:
        """The text pattern, for bytes (a recording's body): made only where it is needed."""
        return re.compile(self._groups.encode("utf-8"), re.IGNORECASE)

    def text(self, text: str) -> str:
        """``text`` with every secret's value replaced by its ``<NAME>``."""
        if not self.names:
            return text
        return self.text_pattern.sub(self._name_of, text)

    def _name_of(self, match: re.Match[str]) -> str:
        assert match.lastindex is not None  # every alternative is a group
        return self.names[match.lastindex - 1]
