"""Recorded calls: one JSON file per call, each body kept as the chunks that arrived.

A recording keeps chunk boundaries (unlike VCR-style cassettes, which replay the body as one
chunk) because stream decoders fail precisely at those boundaries. A call of one exchange is
written as its ``request`` and ``response``; a call of several (steps before the streamed
request, a WebSocket) as its ``exchanges``, in order, a WebSocket's as the ``messages`` each
side sent. Standard library only.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

__all__ = [
    "DEEPEST",
    "LONGEST_DELAY",
    "RecordedExchange",
    "RecordedMessage",
    "RecordedRequest",
    "RecordedResponse",
    "Recording",
    "RecordingError",
    "load_recording",
    "load_recordings",
    "status_problem",
]

KeyPath = tuple[str | int, ...]

_BODILESS = frozenset({204, 205, 304})
DEEPEST = 100
"""How many levels a recording's JSON may nest, the file's own object the first: far more than
any API sends, and few enough that what walks a document (a comparison, a redaction) stays
well inside Python's recursion limit."""
LONGEST_DELAY = 3600.0
"""The longest wait a recording may ask for before a chunk, in seconds: a longer one is a
replay that hangs."""
_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
"""A header's name: an HTTP token (RFC 9110), which a client reads back; nothing else is."""
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
"""What no header value can carry: control characters other than a tab (CR and LF end it)."""


def status_problem(status: int) -> str | None:
    """Why ``status`` cannot be served with a body, or None if it can."""
    if not 100 <= status <= 599:
        return f"not an HTTP status: {status}"
    if status < 200 or status in _BODILESS:
        # A client would wait forever for a body, or for a protocol switch.
        return f"HTTP {status} has no body to replay"
    return None


def _format_key(path: KeyPath) -> str:
    """``("response", "chunks", 2)`` -> ``response.chunks[2]``; a key that is not printable
    as it is (a line break in it) is quoted, so the message stays one line."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
            continue
        shown = part if part.isprintable() else repr(part)
        text += f".{shown}" if text else shown
    return text


class RecordingError(ValueError):
    """A recording file is unreadable or has the wrong shape; the message says where."""

    def __init__(self, path: Path, key: KeyPath, message: str) -> None:
        self.path = path
        # An empty key path means the file as a whole.
        self.key = _format_key(key) or "(file)"
        self.reason = message
        super().__init__(f"{path}: {self.key}: {message}")


@dataclass(frozen=True)
class RecordedRequest:
    """The request as it was sent; ``json``, ``form`` or ``body`` (one at most) holds its
    body."""

    method: str
    url: str
    headers: dict[str, str]
    json: object | None
    body: str | None
    form: dict[str, str] | None = None

    @property
    def origin(self) -> str:
        """``scheme://host[:port]`` of ``url``, lower-cased, as a ``base_url`` mapping names it."""
        parts = urlsplit(self.url)
        return f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}".lower()

    @property
    def target(self) -> str:
        """The path and query of ``url`` (``/api/chat?alt=sse``), as sent on the request line."""
        parts = urlsplit(self.url)
        path = parts.path or "/"
        return f"{path}?{parts.query}" if parts.query else path


@dataclass(frozen=True)
class RecordedResponse:
    """The response as it arrived: ``chunks`` are the body pieces in arrival order."""

    status: int
    headers: dict[str, str]
    chunks: tuple[bytes, ...]
    delays: tuple[float, ...] | None

    @property
    def body(self) -> bytes:
        """The whole body, chunks joined."""
        return b"".join(self.chunks)


@dataclass(frozen=True)
class RecordedMessage:
    """One WebSocket message: sent by the ``client`` (checked) or the ``server`` (served);
    ``text`` as sent, or for a client's, ``json`` the document its text holds."""

    side: str
    text: str | None
    json: object | None = None


@dataclass(frozen=True)
class RecordedExchange:
    """One exchange of a call: an HTTP request and its ``response``, or a WebSocket's
    handshake request and the ``messages`` both sides sent, in order."""

    request: RecordedRequest
    response: RecordedResponse | None
    messages: tuple[RecordedMessage, ...] | None = None

    @property
    def is_websocket(self) -> bool:
        return self.messages is not None


@dataclass(frozen=True)
class Recording:
    """One recorded call, loaded from ``path``; ``name`` is the file stem."""

    name: str
    path: Path
    description: str
    exchanges: tuple[RecordedExchange, ...]
    expect: dict[str, object]
    source: str = ""
    """Where the recording came from, when it was not recorded live (a reconstruction)."""

    @property
    def is_flow(self) -> bool:
        """Whether the call is more than one HTTP exchange: steps, or a WebSocket."""
        return len(self.exchanges) > 1 or self.exchanges[0].is_websocket

    @property
    def request(self) -> RecordedRequest:
        """The streamed exchange's request (the last)."""
        return self.exchanges[-1].request

    @property
    def response(self) -> RecordedResponse:
        """The streamed exchange's response (the last); a WebSocket has messages instead."""
        response = self.exchanges[-1].response
        if response is None:
            raise ValueError(f"{self.path}: the streamed exchange is a WebSocket's: no response")
        return response


def load_recording(path: Path) -> Recording:
    """Read and validate one recording file; raise `RecordingError` on any problem, and on
    anything a replay could not serve."""
    data = _read_json(path)
    deep = _too_deep(data)
    if deep is not None:
        raise RecordingError(path, deep, f"JSON nested deeper than {DEEPEST} levels")
    check = _Checker(path)
    written = check.mapping(data, ())
    one = "exchanges" not in written
    top = check.mapping(
        data,
        (),
        required={"request", "response"} if one else {"exchanges"},
        optional={"description", "expect", "source"},
    )
    exchanges: tuple[RecordedExchange, ...]
    if one:
        exchanges = (
            RecordedExchange(
                _request(check, top["request"], ("request",)),
                _response(check, top["response"], ("response",)),
            ),
        )
    else:
        listed = check.array(top["exchanges"], ("exchanges",))
        if not listed:
            raise check.error(("exchanges",), "a call has one exchange or more")
        exchanges = tuple(_exchange(check, each, ("exchanges", i)) for i, each in enumerate(listed))
        for exchange in exchanges[:-1]:
            if exchange.is_websocket:
                raise check.error(("exchanges",), "only the last exchange may be a WebSocket")
    return Recording(
        name=path.stem,
        path=path,
        description=check.string(top.get("description", ""), ("description",)),
        exchanges=exchanges,
        expect=check.mapping(top.get("expect", {}), ("expect",)),
        source=check.string(top.get("source", ""), ("source",)),
    )


def _read_json(path: Path) -> object:
    """The JSON document in ``path``."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise RecordingError(path, (), f"cannot read: {error.strerror or error}") from error
    except UnicodeDecodeError as error:
        raise RecordingError(path, (), f"not UTF-8: {error.reason}") from error
    except json.JSONDecodeError as error:
        where = f"invalid JSON at line {error.lineno} column {error.colno}"
        raise RecordingError(path, (), f"{where}: {error.msg}") from error
    except RecursionError:
        raise RecordingError(path, (), "JSON nested too deeply to be read") from None
    except ValueError as error:  # a number too long to convert, ...
        raise RecordingError(path, (), f"cannot read its JSON: {error}") from None


def _too_deep(data: object) -> KeyPath | None:
    """The top-level key under which ``data`` nests deeper than :data:`DEEPEST` levels (the
    empty path if the file's own value does), or None; walked without recursion."""
    pending: list[tuple[object, int, KeyPath]] = [(data, 1, ())]
    while pending:
        value, depth, top = pending.pop()
        if isinstance(value, dict):
            children: Iterable[tuple[str | int, object]] = value.items()
        elif isinstance(value, list):
            children = enumerate(value)
        else:
            continue
        if depth > DEEPEST:
            return top
        pending.extend((child, depth + 1, top or (key,)) for key, child in children)
    return None


def load_recordings(paths: Iterable[Path]) -> list[Recording]:
    """Load each file, or every ``*.json`` below each directory (sorted), in the order given.

    A directory with no recording in it is an error, not a server with nothing to serve.
    """
    recordings: list[Recording] = []
    for path in paths:
        files = sorted(path.rglob("*.json")) if path.is_dir() else [path]
        if not files:
            raise RecordingError(path, ("(folder)",), "no recordings (*.json) in it or below it")
        recordings.extend(load_recording(file) for file in files)
    return recordings


def _exchange(check: _Checker, data: object, key: KeyPath) -> RecordedExchange:
    fields = check.mapping(data, key, required={"request"}, optional={"response", "messages"})
    if ("response" in fields) == ("messages" in fields):
        raise check.error(key, "give the HTTP 'response' or the WebSocket's 'messages'")
    request = _request(check, fields["request"], (*key, "request"))
    websocket = urlsplit(request.url).scheme in ("ws", "wss")
    if websocket != ("messages" in fields):
        raise check.error((*key, "request", "url"), "a ws:// or wss:// URL has messages")
    if "response" in fields:
        return RecordedExchange(request, _response(check, fields["response"], (*key, "response")))
    listed = check.array(fields["messages"], (*key, "messages"))
    messages = tuple(_message(check, each, (*key, "messages", i)) for i, each in enumerate(listed))
    return RecordedExchange(request, None, messages)


def _message(check: _Checker, data: object, key: KeyPath) -> RecordedMessage:
    fields = check.mapping(data, key, optional={"client", "client_json", "server"})
    if len(fields) != 1:
        raise check.error(key, "one of 'client', 'client_json' or 'server'")
    [(side, value)] = fields.items()
    if side == "client_json":
        return RecordedMessage("client", None, value)
    return RecordedMessage(side, check.string(value, (*key, side)))


def _request(check: _Checker, data: object, key: KeyPath) -> RecordedRequest:
    fields = check.mapping(
        data, key, required={"method", "url"}, optional={"headers", "json", "body", "form"}
    )
    if sum(kind in fields for kind in ("json", "body", "form")) > 1:
        raise check.error(key, "give one of 'json', 'form' or 'body', not several")
    body = fields.get("body")
    form = fields.get("form")
    return RecordedRequest(
        method=check.method(fields["method"], (*key, "method")),
        url=check.url(fields["url"], (*key, "url")),
        headers=check.headers(fields.get("headers", {}), (*key, "headers")),
        json=fields.get("json"),
        body=None if body is None else check.string(body, (*key, "body")),
        form=None if form is None else check.texts(form, (*key, "form")),
    )


def _response(check: _Checker, data: object, key: KeyPath) -> RecordedResponse:
    fields = check.mapping(data, key, required={"status", "chunks"}, optional={"headers", "delays"})
    chunks = check.array(fields["chunks"], (*key, "chunks"))
    delays = fields.get("delays")
    response = RecordedResponse(
        status=check.status(fields["status"], (*key, "status")),
        headers=check.headers(fields.get("headers", {}), (*key, "headers")),
        chunks=tuple(check.chunk(chunk, (*key, "chunks", i)) for i, chunk in enumerate(chunks)),
        delays=None if delays is None else check.delays(delays, (*key, "delays")),
    )
    if response.delays is not None and len(response.delays) != len(response.chunks):
        message = f"has {len(response.delays)} entries for {len(response.chunks)} chunks"
        raise check.error((*key, "delays"), message)
    return response


class _Checker:
    """Type checks on decoded JSON that fail with the file path and the key path."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def error(self, key: KeyPath, message: str) -> RecordingError:
        return RecordingError(self.path, key, message)

    def expected(self, key: KeyPath, what: str, value: object) -> RecordingError:
        return self.error(key, f"expected {what}, got {_json_type(value)}")

    def mapping(
        self,
        value: object,
        key: KeyPath,
        *,
        required: set[str] | None = None,
        optional: set[str] | None = None,
    ) -> dict[str, object]:
        """A JSON object; with ``required``/``optional`` given, its keys are checked too."""
        if not isinstance(value, dict):
            raise self.expected(key, "an object", value)
        if required is None and optional is None:
            return value
        allowed = (required or set()) | (optional or set())
        # Unknown keys first: a misspelt key is also a missing one, and this names the typo.
        for name in value:
            if name not in allowed:
                raise self.error(
                    (*key, name), f"unknown key (allowed: {', '.join(sorted(allowed))})"
                )
        for name in sorted(required or set()):
            if name not in value:
                raise self.error((*key, name), "missing")
        return value

    def array(self, value: object, key: KeyPath) -> list[object]:
        if not isinstance(value, list):
            raise self.expected(key, "an array", value)
        return value

    def string(self, value: object, key: KeyPath) -> str:
        if not isinstance(value, str):
            raise self.expected(key, "a string", value)
        return value

    def method(self, value: object, key: KeyPath) -> str:
        method = self.string(value, key)
        # RFC 9110 method token; upper case is what every provider uses.
        if not method.isascii() or not method.isalpha() or not method.isupper():
            raise self.error(key, f"not an HTTP method: {method!r}")
        return method

    def url(self, value: object, key: KeyPath) -> str:
        url = self.string(value, key)
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https", "ws", "wss") or not parts.netloc:
            raise self.error(key, f"not an absolute http(s) or ws(s) URL: {url!r}")
        return url

    def texts(self, value: object, key: KeyPath) -> dict[str, str]:
        """An object of strings (a form's fields)."""
        fields = self.mapping(value, key)
        return {name: self.string(text, (*key, name)) for name, text in fields.items()}

    def headers(self, value: object, key: KeyPath) -> dict[str, str]:
        """Headers a replay can send, or expect: names that are tokens, values without
        control characters."""
        headers = self.texts(value, key)
        for name, header in headers.items():
            if not _TOKEN.fullmatch(name):
                raise self.error(key, f"not a header name (an HTTP token): {name!r}")
            control = _CONTROL.search(header)
            if control is not None:
                message = (
                    f"holds a control character ({control.group()!r}), which no header can carry"
                )
                raise self.error((*key, name), message)
        return headers

    def status(self, value: object, key: KeyPath) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.expected(key, "an integer", value)
        problem = status_problem(value)
        if problem is not None:
            raise self.error(key, problem)
        return value

    def chunk(self, value: object, key: KeyPath) -> bytes:
        if isinstance(value, str):
            return value.encode("utf-8")
        if not isinstance(value, dict):
            raise self.expected(key, 'a string or {"base64": ...}', value)
        encoded = self.string(
            self.mapping(value, key, required={"base64"})["base64"], (*key, "base64")
        )
        try:
            return base64.b64decode(encoded, validate=True)
        except binascii.Error as error:
            raise self.error((*key, "base64"), f"bad base64: {error}") from error

    def number(self, value: object, key: KeyPath) -> float:
        # bool is an int subclass; JSON true is not a number.
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.expected(key, "a number", value)
        return float(value)

    def delays(self, value: object, key: KeyPath) -> tuple[float, ...]:
        delays = [self.number(delay, (*key, i)) for i, delay in enumerate(self.array(value, key))]
        for i, delay in enumerate(delays):
            if not math.isfinite(delay) or delay < 0:
                raise self.error((*key, i), f"not a non-negative number of seconds: {delay}")
            if delay > LONGEST_DELAY:
                message = f"longer than an hour ({LONGEST_DELAY:g} seconds): {delay}"
                raise self.error((*key, i), message)
        return tuple(delays)


def _json_type(value: object) -> str:
    names: Mapping[type, str] = {
        dict: "an object",
        list: "an array",
        str: "a string",
        bool: "a boolean",
        int: "a number",
        float: "a number",
    }
    return "null" if value is None else names.get(type(value), type(value).__name__)
