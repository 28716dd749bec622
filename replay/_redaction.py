"""Secrets out of a recording: each one's value replaced by ``<NAME>``, wherever it appears.

The secrets are the values of the environment variables a spec reads and the userinfo of the
recorder's ``--base-url``, found in every form the runtime's redaction knows (escaped, in
base64, as HTML references, ...); in a header's name, where ``<`` and ``>`` cannot stand, a
value is replaced by ``%NAME%``. Besides, values that are secret by where they stand (an
``Authorization`` header, an API-key header, a ``key=`` query value) are replaced whole, and a
cookie's value by ``<cookie_NAME>`` (the name the runtime keeps it secret by, which a replay
serves and expects back), unless they already are placeholders.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from itertools import accumulate

from generator.runtime._secrets import Redactor, url_credentials

__all__ = ["RecordingRedactor"]

_PLACEHOLDERS = re.compile(r"(?:<[A-Za-z_][A-Za-z0-9_]*>)+")
_AUTHORIZATION = frozenset({"authorization", "proxy-authorization"})
_SECRET_HEADER = re.compile(
    r"api[-_]?key|token|secret|signature|subscription[-_]?key|credential|session",
    re.IGNORECASE,
)
_SECRET_QUERY = re.compile(
    r"(?:.*[-_])?(?:key|api[-_]?key|apikey|token|secret|password|sig|signature|auth|credential)",
    re.IGNORECASE,
)
"""Query names whose value is a secret: ``key``, ``api-key``, ``access_token``,
``client_secret``, ``X-Amz-Signature``, ..."""


def _placeholder(name: str) -> str:
    """``x-api-key`` -> ``<X_API_KEY>``."""
    return "<" + re.sub(r"[^A-Za-z0-9_]", "_", name).upper() + ">"


def _cookie(pair: str) -> str:
    """``name=value`` with the value as ``<cookie_name>`` (the name the runtime keeps a
    cookie's value secret by), unless it is a placeholder already."""
    name, equals, value = pair.partition("=")
    if not equals or _is_placeholder(value):
        return pair
    return f"{name}=<cookie_{re.sub(r'[^A-Za-z0-9_]', '_', name.strip())}>"


def _is_placeholder(text: str) -> bool:
    return _PLACEHOLDERS.fullmatch(text) is not None


class RecordingRedactor:
    """Replaces each value of ``secrets`` (environment variables' values by their names) with
    ``<NAME>``, and the userinfo of ``base_url`` with ``<BASE_URL_CREDENTIALS>``, as the
    runtime's :class:`Redactor` does in errors; and, besides, whole values that are secret by
    where they stand."""

    def __init__(self, secrets: Mapping[str, str], base_urls: Sequence[str] = ()) -> None:
        named = [(value, name) for name, value in secrets.items()]
        credentials = [url_credentials(url, "BASE_URL_CREDENTIALS") for url in base_urls]
        self._secrets = [*named, *(pair for each in credentials for pair in each)]
        self._redactor = Redactor(self._secrets)

    def keep(self, secrets: list[tuple[str, str]]) -> None:
        """Replace these (value, name) pairs too: what a call kept secret (taken values,
        cookies, secret arguments)."""
        self._secrets += secrets
        self._redactor = Redactor(self._secrets)

    def text(self, text: str) -> str:
        """``text`` with every secret's value replaced by its ``<NAME>``."""
        return self._redactor.text(text)

    def value(self, value: object) -> object:
        """A JSON value with every string (and object key) in it redacted."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, list):
            return [self.value(item) for item in value]
        if isinstance(value, dict):
            return {self.text(key): self.value(item) for key, item in value.items()}
        return value

    def url(self, url: str) -> str:
        """``url`` redacted, and each query value whose name says it is secret replaced."""
        base, question, query = self.text(url).partition("?")
        if not question:
            return base
        pairs = []
        for pair in query.split("&"):
            name, equals, value = pair.partition("=")
            if equals and _SECRET_QUERY.fullmatch(name) and not _is_placeholder(value):
                value = _placeholder(name)
            pairs.append(f"{name}{equals}{value}")
        return f"{base}?{'&'.join(pairs)}"

    def headers(self, headers: Mapping[str, str]) -> dict[str, str]:
        """``headers`` redacted, their names too, and the values of credential headers
        replaced whole."""
        redacted = {}
        for name, value in headers.items():
            shown = self._header_name(name)
            redacted[shown] = self._header(name, shown, self.text(value))
        return redacted

    def _header_name(self, name: str) -> str:
        """``name`` with each secret's value as ``%NAME%``: a header's name is an HTTP token,
        which ``<`` and ``>`` are not, and a replay sends it as it is written."""
        return self._redactor.text_pattern.sub(self._token_of, name)

    def _token_of(self, match: re.Match[str]) -> str:
        assert match.lastindex is not None  # every alternative is a group
        shown = self._redactor.names[match.lastindex - 1]  # <NAME>
        return "%" + re.sub(r"[^A-Za-z0-9_]", "_", shown[1:-1]) + "%"

    def _header(self, name: str, shown: str, value: str) -> str:
        """The redacted ``value`` of header ``name`` (``shown`` as its redacted name), or its
        placeholder if the header is a credential."""
        folded = name.lower()
        if folded in _AUTHORIZATION:
            scheme, space, credentials = value.partition(" ")
            if not space:  # no scheme word: the value is the credentials
                return value if _is_placeholder(value) else _placeholder(shown)
            return value if _is_placeholder(credentials) else f"{scheme} {_placeholder(shown)}"
        if folded == "cookie":
            return "; ".join(_cookie(pair) for pair in value.split("; "))
        if folded == "set-cookie":
            cookie, semicolon, attributes = value.partition(";")
            return _cookie(cookie) + semicolon + attributes
        if _SECRET_HEADER.search(name):
            return value if _is_placeholder(value) else _placeholder(shown)
        return value

    def chunks(
        self, chunks: Sequence[bytes], delays: Sequence[float]
    ) -> tuple[list[bytes], list[float]]:
        """The body ``chunks`` redacted as one, then cut where they were.

        A cut inside a replaced value moves to its end; a chunk left empty goes, its delay
        added to the next one's (the last one's goes with it).
        """
        body = b"".join(chunks)
        redacted = bytearray()
        spans: list[tuple[int, int, int]] = []
        """Each replaced value's start and end, and how far what follows it moved."""
        done = 0
        names = self._redactor.names
        for match in self._redactor.bytes_pattern.finditer(body):
            start, end = match.span()
            assert match.lastindex is not None  # every alternative is a group
            redacted += body[done:start] + names[match.lastindex - 1].encode("utf-8")
            spans.append((start, end, len(redacted) - end))
            done = end
        redacted += body[done:]
        ends = []
        passed, shift = 0, 0
        for cut in accumulate(len(chunk) for chunk in chunks):
            while passed < len(spans) and spans[passed][1] <= cut:
                shift = spans[passed][2]
                passed += 1
            if passed < len(spans) and spans[passed][0] < cut:
                ends.append(spans[passed][1] + spans[passed][2])  # inside: to the value's end
            else:
                ends.append(cut + shift)
        return _cut(bytes(redacted), ends, delays)


def _cut(body: bytes, ends: list[int], delays: Sequence[float]) -> tuple[list[bytes], list[float]]:
    """``body`` cut before each of ``ends``, with the delays; empty pieces carried over."""
    chunks: list[bytes] = []
    kept: list[float] = []
    start = 0
    carried = 0.0
    for end, delay in zip(ends, delays, strict=True):
        if end <= start:
            carried += delay
            continue
        chunks.append(body[start:end])
        kept.append(round(delay + carried, 3))
        carried = 0.0
        start = end
    return chunks, kept
