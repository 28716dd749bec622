"""Steps: requests a call makes before the one it streams, for values their answers give.

A generated module declares each step of its spec as a :class:`Step` and makes it with
``Call.fetch``, which reads the :class:`Answer` whole. What the spec takes from an answer (a
JSONPath's value, a regular expression's group, a header, a cookie) is taken by the answer's
methods: a value that is not there is a ``MissingValueError`` naming the step, and every value
taken is kept out of what the call shows, like the spec's own secrets. A step whose values last
beyond one call keeps them in a :class:`StepCache`.
"""

from __future__ import annotations

import html
import json
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from ._auth import Request
from ._constants import DEFAULT_STEP_RESPONSE_BYTES, LONGEST_MATCHED_TEXT
from ._exceptions import MissingValueError
from ._framings import MISSING, Origin
from ._framings.json_rules import decode_json
from ._requests import build_request, check_headers

__all__ = ["Answer", "Step", "StepCache", "secret_texts", "text_of"]


@dataclass(frozen=True)
class Step:
    """One step of a provider's call: where its request goes and how its body is written."""

    provider: str
    name: str
    method: str
    url: str
    """The URL as the spec writes it; one with placeholders is built anew for each call."""
    body_format: Literal["json", "form"] = "json"
    moves_with_base_url: bool = True
    """Whether a call's ``base_url`` moves it: it shares the streamed request's origin."""
    redirect_answers: bool = False
    """Whether a redirect is the step's answer (its headers and cookies taken; the redirect is
    never followed), rather than an error."""
    max_response_bytes: int = DEFAULT_STEP_RESPONSE_BYTES

    def request(
        self,
        headers: Mapping[str, str],
        body: Any,
        *,
        url: str | None = None,
        base_url: str | None = None,
    ) -> Request:
        """The step's request for these headers and body, checked and encoded."""
        return build_request(self, headers, body, url=url, base_url=base_url)

    def check_headers(self, headers: Mapping[str, str]) -> None:
        """Refuse a header value that would break the request (a line break, a NUL)."""
        check_headers(self, headers)


def text_of(value: object) -> str:
    """A value as text: a string as it is, booleans as JSON writes them, others by ``str``."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def secret_texts(value: object) -> list[str]:
    """The texts of a value taken from an answer that are to be kept secret: a text or a
    number itself; every text and number in a JSON object or list, and its JSON text."""
    if isinstance(value, bool) or value is None:
        return []
    if isinstance(value, str | int | float):
        return [text_of(value)]
    if isinstance(value, dict | list):
        leaves = value.values() if isinstance(value, dict) else value
        texts = [json.dumps(value, ensure_ascii=False)]
        for leaf in leaves:
            texts += secret_texts(leaf)
        return texts
    return []


class Answer:
    """A step's answer, read whole, and what is taken from it."""

    __slots__ = ("_body", "_cookies", "_document", "_keep", "_origin", "headers", "step")

    def __init__(
        self,
        step: str,
        origin: Origin,
        headers: Mapping[str, str],
        body: bytes,
        cookies: Mapping[str, str],
        keep: Callable[[str, str], None],
    ) -> None:
        self.step = step
        self.headers = headers
        self._origin = origin
        self._body = body
        self._cookies = cookies
        self._keep = keep
        self._document: object = MISSING

    def text(self) -> str:
        """The answer's body as text (UTF-8, invalid bytes replaced)."""
        return self._body.decode("utf-8", "replace")

    def json(self) -> object:
        """The answer's body as JSON, decoded once; a ``MalformedEventError`` if it is not."""
        if self._document is MISSING:
            self._document = decode_json(self._body, self._origin)
        return self._document

    def json_value(self, name: str, path: str, found: object) -> object:
        """``found``, the value at JSONPath ``path`` of :meth:`json` (MISSING, or null, when
        there is none), taken as value ``name``."""
        if found is MISSING or found is None:
            raise self._missing(name, f"JSONPath {path}")
        return self._taken(name, found)

    def match(
        self,
        name: str,
        pattern: re.Pattern[str],
        *,
        group: int = 1,
        unescape: bool = False,
    ) -> str:
        """Group ``group`` of the first match of ``pattern`` in the body's text (at most its
        first ``LONGEST_MATCHED_TEXT`` characters), HTML entities decoded with ``unescape``,
        taken as value ``name``."""
        match = pattern.search(self.text()[:LONGEST_MATCHED_TEXT])
        if match is None or match.group(group) is None:
            raise self._missing(name, f"pattern {pattern.pattern!r}")
        value = match.group(group)
        return str(self._taken(name, html.unescape(value) if unescape else value))

    def matched_json(self, name: str, pattern: re.Pattern[str], *, group: int = 1) -> object:
        """The JSON document in group ``group`` of ``pattern``'s first match (HTML entities
        decoded first, as a page's attributes hold them)."""
        text = self.match(name, pattern, group=group, unescape=True)
        return decode_json(text.encode("utf-8"), self._origin)

    def header(self, name: str, header: str) -> str:
        """The value of header ``header``, taken as value ``name``."""
        value = self.headers.get(header)
        if value is None:
            raise self._missing(name, f"header {header}")
        return str(self._taken(name, value))

    def cookie(self, name: str, cookie: str) -> str:
        """The value of cookie ``cookie`` the session keeps for the step's URL, taken as value
        ``name``."""
        value = self._cookies.get(cookie)
        if value is None:
            raise self._missing(name, f"cookie {cookie}")
        return str(self._taken(name, value))

    def _taken(self, name: str, value: object) -> object:
        for text in secret_texts(value):
            self._keep(text, name)
        return value

    def _missing(self, name: str, where: str) -> MissingValueError:
        origin = self._origin
        return MissingValueError(
            self.step, name, where, provider=origin.provider, endpoint=origin.endpoint
        )


class StepCache:
    """The values a step's answer gave, kept for the process (or ``seconds``) instead of asked
    for on every call: for each server the step was sent to (a call's ``base_url`` may send it
    elsewhere), so that a value one server gave never goes to another.

    A call that takes them from here notes it, so that a refusal of its streamed request
    (401, 403) clears them and the call is made once more, the step asked anew. The cookies the
    step's answer set are not kept: a step made for its cookies is not cached.
    """

    __slots__ = ("_kept", "_seconds")

    def __init__(self, seconds: float | None = None) -> None:
        self._seconds = seconds
        self._kept: dict[str, tuple[dict[str, object], float]] = {}
        """The values by server, with when they are too old."""

    def get(self, server: str) -> dict[str, object] | None:
        """The values kept from ``server``, or None when there are none (or they are too old)."""
        kept = self._kept.get(server)
        if kept is None:
            return None
        if time.monotonic() >= kept[1]:
            del self._kept[server]
            return None
        return kept[0]

    def keep(self, server: str, values: dict[str, object]) -> dict[str, object]:
        """Keep ``values`` from ``server``, and give them back."""
        until = float("inf") if self._seconds is None else time.monotonic() + self._seconds
        self._kept[server] = (values, until)
        return values

    def clear(self) -> None:
        """Forget the values: the next call asks the step anew."""
        self._kept.clear()
