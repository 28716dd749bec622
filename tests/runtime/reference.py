"""The oracle for the fast paths: how a body was read before them, kept here to compare against.

Text first, then lines: every read decoded incrementally (utf-8-sig, invalid bytes replaced),
split into lines by a regular expression, each line run through the WHATWG state machine field
by field, every JSON document parsed by ``json.loads``. Slow and obviously right; the runtime's
readers must give the same items and the same errors for every body, split anywhere.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterable
from typing import Any

from generator.runtime._exceptions import (
    EventTooLargeError,
    IncompleteStreamError,
    MalformedEventError,
    ProviderError,
    ResponseLimitError,
)
from generator.runtime._framings import NDJSONFraming, Origin, SSEFraming
from generator.runtime._framings.json_rules import reported

_LINE_END = re.compile(r"\r\n|\r|\n")


class _TooLarge(Exception):
    pass


class _Lines:
    def __init__(self, max_size: int) -> None:
        self.decoder = codecs.getincrementaldecoder("utf-8-sig")(errors="replace")
        self.max_size = max_size
        self.pending = ""
        self.after_cr = False

    def feed(self, data: bytes, final: bool = False) -> list[str]:
        text = self.decoder.decode(data, final)
        if not text:
            return []
        if self.after_cr and text.startswith("\n"):
            text = text[1:]
        self.after_cr = text.endswith("\r")
        lines = _LINE_END.split(self.pending + text)
        self.pending = lines.pop()
        if len(self.pending) > self.max_size or any(len(ln) > self.max_size for ln in lines):
            raise _TooLarge
        return lines


def _json(text: str, origin: Origin) -> object:
    try:
        return json.loads(text)
    except ValueError as error:
        reason = f"invalid JSON ({error.args[0]})"
    except RecursionError:
        reason = "JSON nested too deeply"
    raise MalformedEventError(reason, text, provider=origin.provider, endpoint=origin.endpoint)


def _lenient(text: str) -> object | None:
    try:
        document: object = json.loads(text)
    except (ValueError, RecursionError):
        return None
    return document


def _too_large(limit: int, origin: Origin) -> EventTooLargeError:
    return EventTooLargeError(limit, provider=origin.provider, endpoint=origin.endpoint)


def _silence(state: list[int], read: int, events: int, limit: int, origin: Origin) -> None:
    state[0] = 0 if events else state[0] + read
    if state[0] > 2 * limit:
        raise ResponseLimitError(
            f"{state[0]} bytes without an event",
            2 * limit,
            provider=origin.provider,
            endpoint=origin.endpoint,
        )


def read_sse(
    framing: SSEFraming, pieces: Iterable[bytes], origin: Origin
) -> tuple[list[Any], ProviderError | None]:
    """What the reference makes of an SSE body: the items, and the error that ended it."""
    items: list[Any] = []
    try:
        _sse(framing, pieces, origin, items)
    except ProviderError as error:
        return items, error
    return items, None


def _sse(framing: SSEFraming, pieces: Iterable[bytes], origin: Origin, items: list[Any]) -> None:
    limit = framing.max_event_size
    lines = _Lines(limit)
    state: dict[str, Any] = {"data": [], "size": 0, "event": "", "error": None}
    silence = [0]

    def field(line: str, events: list[tuple[str, str, str | None]]) -> None:
        if not line:
            data, event, error = state["data"], state["event"], state["error"]
            state.update(data=[], size=0, event="", error=None)
            if data or error is not None:
                events.append((event or "message", "\n".join(data), error))
            return
        if line.startswith(":"):
            return
        name, colon, value = line.partition(":")
        if colon and value.startswith(" "):
            value = value[1:]
        if name == "data":
            state["data"].append(value)
            state["size"] += len(value) + 1
            if state["size"] > limit:
                raise _TooLarge
        elif name == "event":
            state["event"] = value
        elif name == framing.error_field:
            state["error"] = value

    def error_text(data: str) -> object:
        document = _lenient(data)
        message = None if document is None else framing.rules.error_in(document)
        return data if message is None else message

    for piece in pieces:
        events: list[tuple[str, str, str | None]] = []
        try:
            for line in lines.feed(piece):
                field(line, events)
        except _TooLarge:
            raise _too_large(limit, origin) from None
        _silence(silence, len(piece), len(events), limit, origin)
        for event, data, error in events:
            if error is not None:
                raise reported(error_text(error), origin)
            if event in framing.stop_events:
                framing.rules.final(data.encode(), items)
                return
            if event in framing.error_events:
                raise reported(error_text(data), origin)
            if data == framing.stop_data:
                return
            if framing.delta_events is not None and event not in framing.delta_events:
                continue
            if framing.rules.read(_json(data, origin), items, origin):
                return
    try:
        tail = lines.feed(b"", final=True)
        last = lines.pending
        for line in [*tail, last] if last else tail:
            field(line, [])
    except _TooLarge:
        raise _too_large(limit, origin) from None
    if framing.has_stop:
        raise IncompleteStreamError(
            "the stream ended before its stop event: answer truncated",
            provider=origin.provider,
            endpoint=origin.endpoint,
        )
    if state["data"] or state["event"] or state["error"] or last:
        raise IncompleteStreamError(
            "the stream ended in the middle of an event",
            provider=origin.provider,
            endpoint=origin.endpoint,
        )


def read_ndjson(
    framing: NDJSONFraming, pieces: Iterable[bytes], origin: Origin
) -> tuple[list[Any], ProviderError | None]:
    """What the reference makes of an NDJSON body: the items, and the error that ended it."""
    items: list[Any] = []
    try:
        _ndjson(framing, pieces, origin, items)
    except ProviderError as error:
        return items, error
    return items, None


def _ndjson(
    framing: NDJSONFraming, pieces: Iterable[bytes], origin: Origin, items: list[Any]
) -> None:
    limit = framing.max_event_size
    lines = _Lines(limit)
    silence = [0]
    for piece in pieces:
        try:
            complete = [line for line in lines.feed(piece) if line.strip()]
        except _TooLarge:
            raise _too_large(limit, origin) from None
        _silence(silence, len(piece), len(complete), limit, origin)
        for line in complete:
            if framing.rules.read(_json(line, origin), items, origin):
                return
    try:
        tail = lines.feed(b"", final=True)
    except _TooLarge:
        raise _too_large(limit, origin) from None
    for line in [*tail, lines.pending]:
        if line.strip() and framing.rules.read(_json(line, origin), items, origin):
            return
    if framing.rules.has_stop:
        raise IncompleteStreamError(
            "the stream ended before its stop condition: answer truncated",
            provider=origin.provider,
            endpoint=origin.endpoint,
        )
