"""What a client sent, against what a recording says it must send.

A recorded text may hold ``<*>``, which stands for any text (a time, a random id: whatever a
call makes anew), and ``<name>``, which stands for a value the test gave the server (a value a
step took, a cookie, a secret): the server serves that value where a response holds
``<name>``, and expects it back where a request does. A ``<NAME>`` the test gave no value for
stands for any text, as a recorded secret always has. A recorded JSON string that is exactly
``<*>`` stands for any JSON value.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from urllib.parse import parse_qsl, unquote, urlsplit

from multidict import CIMultiDict

from ._recordings import RecordedRequest

__all__ = [
    "ANY",
    "filled",
    "json_differences",
    "pairs_match",
    "request_differences",
    "text_matches",
]

ANY = "<*>"
_TOKEN = re.compile(r"<\*>|<[A-Za-z_][A-Za-z0-9_]*>")
_TRANSPORT = frozenset(
    {
        "host",
        "accept",
        "accept-encoding",
        "user-agent",
        "content-length",
        "content-type",
        "connection",
        "upgrade",
        "sec-websocket-key",
        "sec-websocket-version",
        "sec-websocket-extensions",
    }
)
"""Headers the HTTP client adds of its own when the provider sets none: not checked unless
the recording names them."""


def filled(text: str, values: Mapping[str, str]) -> str:
    """``text`` with each ``<name>`` the test gave a value for replaced by that value."""
    return _TOKEN.sub(lambda match: values.get(match.group()[1:-1], match.group()), text)


def text_matches(recorded: str, sent: str, values: Mapping[str, str]) -> bool:
    """Whether ``sent`` is what ``recorded`` stands for."""
    pattern = ""
    position = 0
    for match in _TOKEN.finditer(recorded):
        pattern += re.escape(recorded[position : match.start()])
        name = match.group()[1:-1]
        pattern += re.escape(values[name]) if name in values else ".*?"
        position = match.end()
    pattern += re.escape(recorded[position:])
    return re.fullmatch(pattern, sent, re.DOTALL) is not None


def json_differences(
    recorded: object, sent: object, values: Mapping[str, str], where: str = "$"
) -> list[str]:
    """Where ``sent`` differs from the document ``recorded`` stands for, as JSONPaths."""
    if recorded == ANY:
        return []
    if isinstance(recorded, dict):
        if not isinstance(sent, dict):
            return [f"{where}: an object was expected"]
        problems = [f"{where}: has {key!r} too" for key in sent if key not in recorded]
        problems += [f"{where}: lacks {key!r}" for key in recorded if key not in sent]
        for key in recorded:
            if key in sent:
                problems += json_differences(recorded[key], sent[key], values, f"{where}.{key}")
        return problems
    if isinstance(recorded, list):
        if not isinstance(sent, list) or len(sent) != len(recorded):
            return [f"{where}: a list of {len(recorded)} was expected"]
        problems = []
        for index, (expected, got) in enumerate(zip(recorded, sent, strict=True)):
            problems += json_differences(expected, got, values, f"{where}[{index}]")
        return problems
    if isinstance(recorded, str) and isinstance(sent, str):
        return [] if text_matches(recorded, sent, values) else [f"{where}: {sent!r}"]
    if type(recorded) is type(sent) and recorded == sent:
        return []
    return [f"{where}: {json.dumps(sent)} is not {json.dumps(recorded)}"]


def request_differences(
    recorded: RecordedRequest,
    method: str,
    path: str,
    query: str,
    headers: CIMultiDict[str],
    body: bytes,
    values: Mapping[str, str],
) -> list[str]:
    """How a request differs from ``recorded``: its method, path, query, headers or body."""
    problems = []
    parts = urlsplit(recorded.url)
    if method != recorded.method:
        problems.append(f"method {method}, not {recorded.method}")
    if not text_matches(unquote(parts.path or "/"), path, values):
        problems.append(f"path {path!r}, not {unquote(parts.path)!r}")
    expected_query, sent_query = parse_qsl(parts.query, True), parse_qsl(query, True)
    if not pairs_match(expected_query, sent_query, values):
        problems.append(f"query {query!r}, not {parts.query!r}")
    for name, value in recorded.headers.items():
        if name not in headers:
            problems.append(f"no header {name}")
        elif not text_matches(value, headers[name], values):
            problems.append(f"header {name}: {headers[name]!r}")
    named = {name.lower() for name in recorded.headers}
    for name in headers:
        if name.lower() not in named and name.lower() not in _TRANSPORT:
            problems.append(f"header {name} too")
    return problems + _body_differences(recorded, body, values)


def _body_differences(
    recorded: RecordedRequest, body: bytes, values: Mapping[str, str]
) -> list[str]:
    if recorded.json is not None:
        try:
            sent = json.loads(body)
        except ValueError:
            return ["a body that is not JSON"]
        return [f"body {problem}" for problem in json_differences(recorded.json, sent, values)]
    if recorded.form is not None:
        sent_form = parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True)
        if not pairs_match(list(recorded.form.items()), sent_form, values):
            return [f"form {sent_form!r}"]
        return []
    expected = recorded.body or ""
    if not text_matches(expected, body.decode("utf-8", "replace"), values):
        return [f"body {body[:200]!r}"]
    return []


def pairs_match(
    recorded: list[tuple[str, str]], sent: list[tuple[str, str]], values: Mapping[str, str]
) -> bool:
    """Query or form pairs, in any order, each recorded value matching one sent."""
    if sorted(name for name, _ in recorded) != sorted(name for name, _ in sent):
        return False
    left = list(sent)
    for name, value in recorded:
        found = next(
            (pair for pair in left if pair[0] == name and text_matches(value, pair[1], values)),
            None,
        )
        if found is None:
            return False
        left.remove(found)
    return True
