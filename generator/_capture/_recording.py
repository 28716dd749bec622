"""A capture written as a recording the replay server serves: its exchanges as the spec makes
them, every secret as ``<NAME>``, every value a step took as ``<name>``.

A request is written from the spec's own template, so the replay server checks the provider
sends what the spec says: ``${env.NAME}`` is ``<NAME>``, a value taken ``<name>``, a value a
call makes anew (``${uuid}``, a time) ``<*>``, and the call's own values (model, messages,
parameters) what the capture sent. Each cookie is a secret, ``<cookie_NAME>``: a step's
answer sets the first the streamed request sends (a recording's answer has one
``Set-Cookie``), which the call's jar sends back; a request that sends one of the spec's own
(``${env.PREFIX_COOKIES}``) says ``Cookie: <*>``.
Last, the redaction the runtime's errors use replaces each secret's value wherever it is
left, in any of the forms a server echoes it in.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from ..runtime._secrets import Redactor
from ._captured import CapturedExchange, CapturedResponse
from ._documents import snake_case
from ._draft import Draft
from ._requests import query_pairs

__all__ = ["recording_of"]

_ENV = re.compile(r"\$\{env\.([A-Za-z_][A-Za-z0-9_]*)\}")
_ANEW = re.compile(r"\$\{(uuid|timestamp|timestamp_ms)\}")
_TAKEN = re.compile(r"\$\{([a-z_][a-z0-9_]*)\}")
_CALL_VALUES = frozenset({"model", "messages", "prompt", "system", "last_user_message"})
_EVENT_END = re.compile(r"(\r\n\r\n|\n\n|\r\r)")
_SHORTEST_COOKIE = 8
"""A cookie's value is replaced wherever it stands when it is this long: a shorter one
(``theme=dark``, ``lang=en``) holds no secret, and its word would be replaced in the answer's
text too."""


def recording_of(draft: Draft, source: str) -> dict[str, Any]:
    """The recording of ``draft``'s capture; ``source`` says where it came from."""
    assert draft.exchange is not None and draft.text is not None
    call_values = {"model": "str", **{p.name: p.type for p in draft.parameters}}
    cookies = _cookies(draft)
    kept = _kept_cookie(draft)
    exchanges = [_exchange(step.request, step.exchange, call_values, kept) for step in draft.steps]
    exchanges.append(_exchange(draft.request, draft.exchange, call_values, kept, streamed=True))
    recording: dict[str, Any] = {
        "description": f"Made from {source} by python -m generator new.",
        "source": f"A browser's capture of {draft.site}, every secret replaced.",
    }
    if len(exchanges) == 1 and "messages" not in exchanges[0]:
        recording |= exchanges[0]
    else:
        recording["exchanges"] = exchanges
    recording["expect"] = {
        "call": {
            "model": draft.call.model,
            "messages": draft.call.messages,
            "kwargs": draft.call.kwargs,
        },
        "text": draft.text,  # the deltas are the server's reads; their text is fixed
    }
    secrets = {
        **{f"cookie_{snake_case(n)}": v for n, v in cookies.items() if len(v) >= _SHORTEST_COOKIE},
        **draft.secrets.values,
    }
    redactor = Redactor((value, name) for name, value in secrets.items())
    redacted: dict[str, Any] = _redacted(recording, redactor)
    return redacted


def _cookies(draft: Draft) -> dict[str, str]:
    """Every cookie of the exchanges recorded, sent or set, by name."""
    assert draft.exchange is not None
    cookies: dict[str, str] = {}
    for exchange in [*(step.exchange for step in draft.steps), draft.exchange]:
        cookies |= exchange.request.cookies()
        if exchange.response is not None:
            cookies |= exchange.response.set_cookies()
    return cookies


def _kept_cookie(draft: Draft) -> str | None:
    """The cookie a step's answer sets in the recording: the first the streamed request sends
    that a step's answer set."""
    assert draft.exchange is not None
    sent = draft.exchange.request.cookies()
    for step in draft.steps:
        assert step.exchange.response is not None
        for name in step.exchange.response.set_cookies():
            if name in sent:
                return name
    return None


def _exchange(
    section: dict[str, Any],
    exchange: CapturedExchange,
    call_values: dict[str, str],
    kept: str | None,
    *,
    streamed: bool = False,
) -> dict[str, Any]:
    request = exchange.request
    written: dict[str, Any] = {
        "method": section.get("method", "POST"),
        "url": _url(section["url"], request.url, call_values),
    }
    headers = {name: _concrete(value) for name, value in section.get("headers", {}).items()}
    if "Cookie" in headers:
        headers["Cookie"] = "<*>"  # the spec's own, with the jar's
    elif streamed and kept is not None:
        headers["Cookie"] = f"{kept}=<cookie_{snake_case(kept)}>"
    if headers:
        written["headers"] = headers
    body = section.get("body")
    if body is not None:
        key = "form" if section.get("body_format") == "form" else "json"
        written[key] = _body(body, _captured_body(exchange, key), call_values)
    response = exchange.response
    assert response is not None
    if response.messages:
        return {"request": written, "messages": _messages(section, response, call_values)}
    sets = kept if not streamed and kept in response.set_cookies() else None
    return {"request": written, "response": _response(response, sets)}


def _concrete(template: str) -> str:
    """A template's text as a recording writes it: secrets, taken and new values as marks,
    a captured ``${`` (written ``$${``) as it was."""
    return "${".join(_marked(piece) for piece in template.split("$${"))


def _marked(text: str) -> str:
    text = _ENV.sub(lambda m: f"<{m[1]}>", text)
    text = _ANEW.sub("<*>", text)
    return _TAKEN.sub(lambda m: f"<{m[1]}>", text)


def _url(template: str, captured: str, call_values: dict[str, str]) -> str:
    """The URL as sent: the captured path (the model in it), and the template's query, the
    call's own values as captured and the rest as marks."""
    parts = urlsplit(captured)
    sent = dict(query_pairs(parts.query))
    query = "&".join(
        f"{name}={_body(value, sent.get(name, ''), call_values)}"
        for name, value in query_pairs(template.partition("?")[2])
    )
    base = f"{parts.scheme}://{parts.netloc}{parts.path}"
    return f"{base}?{query}" if query else base


def _captured_body(exchange: CapturedExchange, key: str) -> Any:
    text = exchange.request.body or ""
    if key == "form":
        return dict(parse_qsl(text, keep_blank_values=True))
    return json.loads(text)


def _body(template: Any, captured: Any, call_values: dict[str, str]) -> Any:
    """The captured body where the call's own values stand, the template's marks elsewhere."""
    if isinstance(template, str):
        placeholder = _TAKEN.fullmatch(template)
        name = "" if placeholder is None else placeholder[1]
        if call_values.get(name) == "float" and isinstance(captured, int | float):
            return float(captured)  # a parameter of floats sends 1 as 1.0
        if name in _CALL_VALUES or name in call_values:
            return captured
        return _concrete(template) if "${" in template else captured
    if isinstance(template, dict) and isinstance(captured, dict):
        return {k: _body(v, captured.get(k), call_values) for k, v in template.items()}
    if isinstance(template, list) and isinstance(captured, list):
        return [_body(t, c, call_values) for t, c in zip(template, captured, strict=False)]
    return captured


def _response(response: CapturedResponse, cookie: str | None) -> dict[str, Any]:
    headers = {"Content-Type": response.header("content-type") or "text/plain"}
    if cookie is not None:
        headers["Set-Cookie"] = f"{cookie}=<cookie_{snake_case(cookie)}>; Path=/"
    chunks = [piece for piece in _pieces(response.body) if piece]
    return {
        "status": response.status,
        "headers": headers,
        "chunks": chunks or [""],
        "delays": [0.0] * (len(chunks) or 1),
    }


def _pieces(body: str) -> list[str]:
    """The body cut after each event (a blank line), or else after each line, as a server
    writes them one by one."""
    parts = _EVENT_END.split(body)
    if len(parts) == 1:
        return body.splitlines(keepends=True)
    return [
        parts[i] + (parts[i + 1] if i + 1 < len(parts) else "") for i in range(0, len(parts), 2)
    ]


def _messages(
    section: dict[str, Any], response: CapturedResponse, call_values: dict[str, str]
) -> list[dict[str, Any]]:
    """The WebSocket's messages: the client's as the spec's ``send`` makes them."""
    sends: Iterator[dict[str, Any]] = iter(section.get("send", []))
    messages: list[dict[str, Any]] = []
    for message in response.messages:
        if not message.sent:
            messages.append({"server": message.text})
            continue
        send = next(sends, {})
        if "json" in send:
            sent = json.loads(message.text)
            messages.append({"client_json": _body(send["json"], sent, call_values)})
        else:
            messages.append({"client": _concrete(send.get("text", message.text))})
    return messages


def _redacted(value: Any, redactor: Redactor) -> Any:
    if isinstance(value, str):
        return redactor.text(value)
    if isinstance(value, dict):
        return {redactor.text(k): _redacted(v, redactor) for k, v in value.items()}
    if isinstance(value, list):
        return [_redacted(v, redactor) for v in value]
    return value
