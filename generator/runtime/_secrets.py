"""Secrets kept out of what is shown: each one's value replaced by ``<NAME>``, in every form.

Whatever quotes what a server sent (an error, a recording) replaces each of a secret's forms,
in any case: as it is, URL-escaped (once or twice), JSON-escaped (as JSON must, or every
character as ``\\uXXXX``), in base64 (standard or URL-safe, padded or not), and with any of its
characters as an HTML character reference (``&#115;``, ``&#x73;``, ``&quot;``). A key the
server wrote back into a JSON string, a URL, a token or a page is found as surely as a bare one.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import json
import re
from collections.abc import Callable, Iterable
from urllib.parse import quote, quote_plus, unquote, urlsplit

__all__ = ["SHORTEST_REDACTED", "Redactor", "secret_forms", "url_credentials"]

SHORTEST_REDACTED = 4
"""Shorter secret values are not searched for in text, in any form: they would garble it."""

_URL_ESCAPES: tuple[Callable[[str], str], ...] = (
    functools.partial(quote, safe="", errors="surrogatepass"),
    functools.partial(quote, errors="surrogatepass"),
    functools.partial(quote_plus, errors="surrogatepass"),
)
"""Escaped wholly, as a path, as a form. A lone surrogate (in a value taken from JSON) is
escaped as it is rather than refused: it is never sent, but the redaction must not fail."""


def secret_forms(value: str) -> list[str]:
    """``value`` as it is, URL-escaped (each way of :data:`_URL_ESCAPES`, once and twice),
    JSON-escaped (in ASCII or not, the solidus escaped or not, and every character as
    ``\\uXXXX``), and in base64 (standard and URL-safe, padded and not); each form once."""
    escaped = [json.dumps(value)[1:-1], json.dumps(value, ensure_ascii=False)[1:-1]]
    forms = [value, *(escape(value) for escape in _URL_ESCAPES), *escaped]
    forms += [form.replace("/", "\\/") for form in escaped]
    forms += [escape(escape(value)) for escape in _URL_ESCAPES]
    forms.append(_every_unit_escaped(value))
    forms += _base64_forms(value.encode("utf-8", "surrogatepass"))
    return list(dict.fromkeys(forms))


def _every_unit_escaped(value: str) -> str:
    """``value`` in JSON with each UTF-16 unit as ``\\uXXXX`` (a pair for a non-BMP one)."""
    units = value.encode("utf-16-be", "surrogatepass").hex(" ", 2)  # "0073 006b ..."
    return "\\u" + units.replace(" ", "\\u") if units else ""


def _base64_forms(data: bytes) -> list[str]:
    """``data`` in base64, standard and URL-safe, with its padding and without."""
    encoded = [base64.b64encode(data).decode("ascii"), base64.urlsafe_b64encode(data).decode()]
    return [*encoded, *(form.rstrip("=") for form in encoded)]


def _html_pattern(value: str) -> str:
    """A pattern of ``value`` as it is or with any of its characters as an HTML character
    reference (decimal or hex, leading zeros or not, or by any of its names), as pages write
    them: every character, or only those that HTML escapes, each escaper its own way."""
    return "".join(_html_character(character) for character in value)


@functools.lru_cache(maxsize=512)  # a character's pattern: the same few in every call
def _html_character(character: str) -> str:
    code = ord(character)
    references = [f"#0*{code};", f"#x0*{code:x};"]
    references += [re.escape(name) for name in _entity_names().get(character, ())]
    # The character itself last: ``&`` must not end a match that ``&amp;`` would make longer.
    return f"(?:&(?:{'|'.join(references)})|{re.escape(character)})"


@functools.cache
def _entity_names() -> dict[str, list[str]]:
    """Each character's names in HTML (``&quot;``, ``&ouml;``), with their semicolon."""
    from html.entities import html5  # a large table: loaded the first time a secret is sought

    names: dict[str, dict[str, str]] = {}
    for name, character in html5.items():
        if len(character) == 1 and name.endswith(";"):
            # One of each spelling: the patterns ignore case (&quot; and &QUOT;).
            names.setdefault(character, {}).setdefault(name.lower(), name)
    return {character: list(each.values()) for character, each in names.items()}


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


@functools.lru_cache(maxsize=64)  # the same variables' values in every call: worked out once
def _expressions(value: str) -> tuple[tuple[str, int], ...]:
    """The expressions that find ``value``, each with the length it is ranked by: its HTML
    pattern, ranked as the value (which it matches too), and its other forms."""
    forms = [form for form in secret_forms(value) if form != value]
    return ((_html_pattern(value), len(value)), *((re.escape(form), len(form)) for form in forms))


class Redactor:
    """Replaces each secret's value with ``<NAME>``, in each of its :func:`secret_forms` and
    with any of its characters as an HTML reference, in any case (a host name comes back
    lower-cased).

    ``secrets`` are (value, name) pairs; values shorter than :data:`SHORTEST_REDACTED` are
    left alone. A value that holds another is replaced whole: the longest go first. The
    patterns are made the first time text is redacted, so a call that keeps secret one value
    after another (a new redactor each time) makes them once.
    """

    def __init__(self, secrets: Iterable[tuple[str, str]]) -> None:
        self._secrets = [pair for pair in secrets if len(pair[0]) >= SHORTEST_REDACTED]

    @functools.cached_property
    def _alternatives(self) -> list[tuple[str, str]]:
        """Each alternative of the patterns (an expression) and the ``<NAME>`` it is replaced
        by, the longest first (an HTML pattern ranked as its value)."""
        found: dict[str, tuple[str, int, str]] = {}
        for value, name in self._secrets:
            for expression, length in _expressions(value):
                found.setdefault(expression.lower(), (expression, length, f"<{name}>"))
        ordered = sorted(found.values(), key=lambda each: each[1], reverse=True)
        return [(expression, shown) for expression, _, shown in ordered]

    @functools.cached_property
    def names(self) -> list[str]:
        """What each alternative of the patterns is replaced by, in their order."""
        return [shown for _, shown in self._alternatives]

    @functools.cached_property
    def _groups(self) -> str:
        return "|".join(f"({expression})" for expression, _ in self._alternatives) or "(?!)"

    @functools.cached_property
    def text_pattern(self) -> re.Pattern[str]:
        """Every alternative, each a group: which one matched says what replaces it."""
        return re.compile(self._groups, re.IGNORECASE)

    @functools.cached_property
    def bytes_pattern(self) -> re.Pattern[bytes]:
        """The text pattern, for bytes (a recording's body)."""
        return re.compile(self._groups.encode("utf-8", "surrogatepass"), re.IGNORECASE)

    def text(self, text: str) -> str:
        """``text`` with every secret's value replaced by its ``<NAME>``."""
        if not self._secrets:
            return text
        return self.text_pattern.sub(self._name_of, text)

    def _name_of(self, match: re.Match[str]) -> str:
        assert match.lastindex is not None  # every alternative is a group
        return self.names[match.lastindex - 1]
