"""A capture read as a whole spec: which request streams the answer, and which requests before
it give what it sends (a token in an answer's JSON, a nonce in a page, a header, a cookie).

The streamed entry of a HAR file is the one whose answer reads as the longest text, among
those a page's script made (``fetch``, ``xhr``, ``websocket``) that asked for a conversation
(a model, messages or a prompt); ``--entry N`` names it instead. An earlier exchange with the
same site becomes a step when the streamed request sends a value of its answer (taken by
JSONPath, by a regular expression around it in a page, from a header) or a cookie it set.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from .._model import reserved_names
from .._spec._formats import LATEST, Format
from ._answers import read_answer
from ._captured import CapturedExchange, CapturedRequest, CaptureError
from ._documents import parsed, snake_case, string_leaves, texts_in
from ._draft import Call, Comments, Draft, DraftResponse, DraftStep, Secrets
from ._har import parse_har
from ._requests import RequestReader

__all__ = ["draft_from_curl", "draft_from_har"]

_SCRIPT_TYPES = frozenset({"fetch", "xhr", "websocket", "eventsource", ""})
_SHORTEST_TAKEN = 8
"""A value sent that an earlier answer holds is taken from it when it is this long or more:
shorter ones (``true``, ``en``, ``1``) match by chance."""
_RESERVED = frozenset(
    {*reserved_names(), *Format(LATEST).placeholders, "role", "content", "env", "system"}
)
"""Names a value a step takes may not have: the generated code's own, and the placeholders'."""
_REGEX_CONTEXT = 40
"""The most characters before a value that its regular expression anchors on."""
_STANDARD_HEADERS = frozenset(
    {
        "accept",
        "accept-encoding",
        "accept-language",
        "accept-ranges",
        "age",
        "alt-svc",
        "cache-control",
        "connection",
        "content-encoding",
        "content-language",
        "content-length",
        "content-security-policy",
        "content-type",
        "cookie",
        "date",
        "etag",
        "expires",
        "host",
        "keep-alive",
        "last-modified",
        "origin",
        "pragma",
        "priority",
        "referer",
        "referrer-policy",
        "server",
        "set-cookie",
        "strict-transport-security",
        "te",
        "transfer-encoding",
        "user-agent",
        "vary",
        "via",
        "x-content-type-options",
        "x-frame-options",
    }
)
"""Headers of HTTP's own: their values say how a message travels, never what a page took
from an answer (an ``Origin`` a CORS answer echoes is no token)."""


def draft_from_curl(request: CapturedRequest, module: str, class_name: str) -> Draft:
    """The spec of a request alone ("Copy as cURL"): its answer's shape is guessed from what
    it accepts, and said to be a guess."""
    comments = Comments()
    secrets = Secrets(module.upper())
    reader = RequestReader(secrets, comments, {})
    section = reader.request(request, ("request",))
    response = _guessed_response(request, comments)
    return _draft(module, class_name, request, section, reader, response, comments, secrets)


def draft_from_har(text: str, module: str, class_name: str, entry: int | None) -> Draft:
    """The spec of the HAR ``text``'s streamed entry (``entry``, or found), with steps."""
    exchanges = parse_har(text)
    streamed = _streamed(exchanges, entry)
    comments = Comments()
    secrets = Secrets(module.upper())
    reader = RequestReader(secrets, comments, {})
    steps = list(_steps(exchanges, streamed, reader, secrets, comments))
    carried = frozenset(
        name
        for step in steps
        for name in _cookies_sent(streamed.request) & set(_set_by(step.exchange))
    )
    section = reader.request(streamed.request, ("request",), carried=carried)
    if _messages_of(streamed, sent=True):
        section["method"] = "GET"
        section["send"] = _sends(streamed, reader)
    assert streamed.response is not None
    answer = read_answer(streamed.response, comments)
    comments.inferred.insert(0, f"the streamed request is entry {streamed.index}")
    draft = _draft(module, class_name, streamed.request, section, reader, answer, comments, secrets)
    draft.steps = steps
    draft.exchange = streamed
    return draft


def _set_by(exchange: CapturedExchange) -> dict[str, str]:
    return {} if exchange.response is None else exchange.response.set_cookies()


def _draft(
    module: str,
    class_name: str,
    request: CapturedRequest,
    section: dict[str, Any],
    reader: RequestReader,
    answer: DraftResponse | None,
    comments: Comments,
    secrets: Secrets,
) -> Draft:
    if reader.messages_mapping:
        section = _with_messages(section, reader.messages_mapping)
    if reader.parameters:
        section = _with_parameters(section, reader)
    origin = request.header("origin") or ""
    site = origin if origin.startswith(("http://", "https://")) else request.origin
    return Draft(
        module=module,
        class_name=class_name,
        site=site.replace("wss://", "https://").replace("ws://", "http://"),
        request=section,
        response=None if answer is None else answer.section,
        call=reader.call,
        comments=comments,
        secrets=secrets,
        parameters=reader.parameters,
        text=None if answer is None else answer.text,
    )


def _with_messages(section: dict[str, Any], mapping: dict[str, Any]) -> dict[str, Any]:
    """``section`` with ``messages`` before its body, where the spec format has it."""
    ordered = {key: value for key, value in section.items() if key not in ("body", "body_format")}
    ordered["messages"] = mapping
    return ordered | {k: v for k, v in section.items() if k in ("body_format", "body")}


def _with_parameters(section: dict[str, Any], reader: RequestReader) -> dict[str, Any]:
    parameters = {
        p.name: {"type": p.type, "default": None, "description": p.description}
        for p in reader.parameters
    }
    head = {k: v for k, v in section.items() if k in ("method", "url", "headers")}
    return head | {"parameters": parameters} | {k: v for k, v in section.items() if k not in head}


def _guessed_response(request: CapturedRequest, comments: Comments) -> DraftResponse:
    accept = (request.header("accept") or "").lower()
    framing = "ndjson" if "ndjson" in accept else "sse"
    section = {
        "framing": framing,
        "delta": "$.choices[0].delta.content",
        "stop": {"data": "[DONE]"} if framing == "sse" else {"path": "$.done"},
        "error": {"message": "$.error.message"},
    }
    comments.add(
        ("response",),
        "a curl command holds no answer: this is OpenAI's shape, a guess; a HAR file of the "
        "same request (--from-har) shows the answer's own",
        undecided=True,
    )
    return DraftResponse(section, "")


# ---------------------------------------------------------------- the streamed entry


def _streamed(exchanges: list[CapturedExchange], entry: int | None) -> CapturedExchange:
    if entry is not None:
        if not 0 <= entry < len(exchanges):
            raise CaptureError(f"--entry {entry}: the file has entries 0 to {len(exchanges) - 1}")
        response = exchanges[entry].response
        if response is None or not _answered(exchanges[entry]):
            answered = "no answer" if response is None else f"the answer {response.status}"
            raise CaptureError(f"--entry {entry} has {answered} in the file, no answer to read")
        return exchanges[entry]
    scored = [(_score(exchange), exchange) for exchange in exchanges if _answered(exchange)]
    scored = [(score, exchange) for score, exchange in scored if score > 0]
    if not scored:
        raise CaptureError("no entry of the file streams an answer: name one with --entry N")
    return max(scored, key=lambda pair: (pair[0], -pair[1].index))[1]


def _answered(exchange: CapturedExchange) -> bool:
    response = exchange.response
    return (
        response is not None
        and (200 <= response.status < 300 or response.status == 101)
        and (bool(response.body) or bool(response.messages))
    )


def _score(exchange: CapturedExchange) -> int:
    """How much the entry reads as the conversation: its answer's text, when it asked for one."""
    if exchange.resource_type not in _SCRIPT_TYPES:
        return 0
    sent = exchange.request.body or " ".join(m.text for m in _messages_of(exchange, sent=True))
    asks = re.search(r'"(model|messages|prompt|contents|message|query|question|text)"', sent)
    if not asks and "prompt=" not in sent and "message=" not in sent:
        return 0
    assert exchange.response is not None
    return len(read_answer(exchange.response, Comments()).text) + 1


def _messages_of(exchange: CapturedExchange, *, sent: bool) -> list[Any]:
    response = exchange.response
    return [] if response is None else [m for m in response.messages if m.sent == sent]


def _sends(streamed: CapturedExchange, reader: RequestReader) -> list[dict[str, Any]]:
    sends: list[dict[str, Any]] = []
    for number, message in enumerate(_messages_of(streamed, sent=True)):
        document = parsed(message.text)
        where = ("request", "send", str(number))
        if isinstance(document, dict):
            body = reader.request(
                CapturedRequest("POST", streamed.request.url, (), message.text), where
            ).get("body")
            sends.append({"json": body})
        else:
            sends.append({"text": reader.text(message.text, where)})
    return sends


# ---------------------------------------------------------------- steps


def _steps(
    exchanges: list[CapturedExchange],
    streamed: CapturedExchange,
    reader: RequestReader,
    secrets: Secrets,
    comments: Comments,
) -> Iterator[DraftStep]:
    """The steps, in their order; a value two answers hold is taken from the later one, the
    nearer the streamed request (a page's token, refreshed by the call before it)."""
    sent = _sent_values(streamed, _conversation(streamed))
    cookies = _cookies_sent(streamed.request)
    found: list[tuple[CapturedExchange, dict[str, tuple[dict[str, Any], str]]]] = []
    names: set[str] = set()
    for exchange in reversed(exchanges[: streamed.index]):
        if exchange.request.method == "OPTIONS":  # a CORS preflight: the browser's own
            continue
        if exchange.response is None or not _same_site(exchange.request, streamed.request):
            continue
        take = _takes(exchange, sent, names)
        sent = [value for value in sent if value not in {v for _, v in take.values()}]
        if take or set(exchange.response.set_cookies()) & cookies:
            found.append((exchange, take))
    for exchange, take in reversed(found):
        name = _unique(_step_name(exchange.request), names)
        for value_name, (how, value) in take.items():
            reader.taken(value, value_name)
            secrets.taken(value_name, value)
            comments.inferred.append(f"steps.{name}: takes {value_name} ({_shown(how)})")
        if _set_by(exchange).keys() & cookies:
            comments.inferred.append(f"steps.{name}: sets cookies the streamed request sends")
        section = reader.request(exchange.request, ("steps", name))
        yield DraftStep(name, section, {n: how for n, (how, _) in take.items()}, exchange)


def _shown(how: dict[str, Any]) -> str:
    return ", ".join(f"{key} {value}" for key, value in how.items())


def _conversation(streamed: CapturedExchange) -> Call:
    """The call the streamed request makes (its model, its messages), read apart."""
    reader = RequestReader(Secrets("PROBE"), Comments(), {})
    reader.request(streamed.request, ("request",))
    return reader.call


def _sent_values(streamed: CapturedExchange, call: Call) -> list[str]:
    """The values the streamed request sends that an earlier answer may have given: long
    enough not to match by chance, and none of the call's own (its model, its messages: a
    page lists the models it offers)."""
    request = streamed.request
    values = [value for name, value in request.headers if not _is_standard(name)]
    values += [value for _, value in parse_qsl(urlsplit(request.url).query)]
    bodies = [request.body or "", *(m.text for m in _messages_of(streamed, sent=True))]
    for body in bodies:
        document = parsed(body)
        values += texts_in(document) if document is not None else [v for _, v in parse_qsl(body)]
    values = [v.removeprefix("Bearer ") for v in values]
    own = {call.model, *(str(m.get("content", "")) for m in call.messages)}
    return [v for v in dict.fromkeys(values) if len(v) >= _SHORTEST_TAKEN and v not in own]


def _takes(
    exchange: CapturedExchange, sent: list[str], names: set[str]
) -> dict[str, tuple[dict[str, Any], str]]:
    """What the exchange's answer gives that the streamed request sends, by the name taken."""
    response = exchange.response
    assert response is not None
    document = parsed(response.body)
    found: dict[str, tuple[dict[str, Any], str]] = {}
    for value in sent:
        how = _json_take(document, value) if document is not None else None
        how = how or _header_take(response.headers, value) or _regex_take(response.body, value)
        if how is not None:
            found[_unique(_value_name(how), names)] = (how, value)
    return found


def _json_take(document: Any, value: str) -> dict[str, Any] | None:
    for path, leaf in string_leaves(document, "$"):
        if leaf == value:
            return {"json": path}
    return None


def _header_take(headers: tuple[tuple[str, str], ...], value: str) -> dict[str, Any] | None:
    for name, header_value in headers:
        if header_value == value and not _is_standard(name):
            return {"header": name}
    return None


def _is_standard(name: str) -> bool:
    low = name.lower()
    return low in _STANDARD_HEADERS or low.startswith(("access-control-", "sec-", ":"))


def _regex_take(body: str, value: str) -> dict[str, Any] | None:
    """A regular expression whose group 1 is ``value`` where the body first has it: the text
    before it, to a quote, ``=`` or ``:``, and what can follow it, up to its closing mark."""
    at = body.find(value)
    if at < 0:
        return None
    before = body[max(0, at - _REGEX_CONTEXT) : at]
    anchor = re.search(r"[\w.$\-]*[\w$]\W{0,4}$", before)
    prefix = anchor[0] if anchor else before[-12:]
    after = body[at + len(value) : at + len(value) + 1]
    stops = re.escape(after) if after else r"\s"
    pattern = f"{_escaped(prefix)}([^{stops}<>\\s]+)"
    matched = re.search(pattern, body)
    if matched is None or matched[1] != value:
        return None
    return {"regex": pattern}


def _escaped(text: str) -> str:
    """``text`` as a regular expression, its spaces left as they are (``re.escape`` would
    write them ``\\ ``, which reads as a typo in a spec)."""
    return re.escape(text).replace("\\ ", " ")


def _value_name(how: dict[str, Any]) -> str:
    if "json" in how:
        key = re.findall(r"[A-Za-z_][A-Za-z0-9_]*", how["json"])
        return snake_case(key[-1] if key else "value")
    if "header" in how:
        return snake_case(re.sub(r"^x-", "", how["header"], flags=re.I))
    words = re.findall(r"[A-Za-z][A-Za-z0-9]*", how["regex"].partition("(")[0])
    return snake_case(words[-1] if words else "value")


def _unique(name: str, names: set[str]) -> str:
    candidate, number = name, 2
    while candidate in names or candidate in _RESERVED:
        candidate, number = f"{name}_{number}", number + 1
    names.add(candidate)
    return candidate


def _step_name(request: CapturedRequest) -> str:
    words = [w for w in re.split(r"[^A-Za-z0-9]+", urlsplit(request.url).path) if w]
    return snake_case(f"{request.method.lower()}_{words[-1] if words else 'page'}")


def _same_site(one: CapturedRequest, other: CapturedRequest) -> bool:
    def site(request: CapturedRequest) -> str:
        host = urlsplit(request.url).hostname or ""
        return ".".join(host.split(".")[-2:])

    return site(one) == site(other)


def _cookies_sent(request: CapturedRequest) -> set[str]:
    return set(request.cookies())
