"""How a response body turns into text deltas: one class per stream framing.

A generated module builds one framing object from its spec, with its JSONPath lookups compiled
into plain functions (selectors). The byte-level work is in ``_decoders``; here, decoded events
and lines are interpreted: stop conditions, error reports, the delta itself.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterable, AsyncIterator, Callable
from dataclasses import dataclass
from typing import Final, NamedTuple

from ._decoders import (
    DEFAULT_MAX_SIZE,
    LineDecoder,
    OversizeError,
    ServerSentEvent,
    SSEDecoder,
    TextDecoder,
)
from ._exceptions import (
    EventTooLargeError,
    IncompleteStreamError,
    MalformedEventError,
    ServerReportedError,
)


class _Missing:
    __slots__ = ()

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Final = _Missing()
"""What a selector returns when its path selects nothing (unlike JSON null, which is None)."""

Selector = Callable[[object], object]
"""A compiled JSONPath: document in, the selected value (or MISSING) out."""


class Origin(NamedTuple):
    """Who is streaming, for error messages: the provider and ``METHOD URL``."""

    provider: str
    endpoint: str


@dataclass(frozen=True, slots=True)
class JSONRules:
    """What to take from each JSON document of a stream."""

    delta: Selector
    convert_non_string: bool = False
    stop_path: Selector | None = None
    stop_equals: object = True
    error_message: Selector | None = None

    def text(self, document: object) -> str | None:
        """The text delta in ``document``, if any (empty text counts as none)."""
        value = self.delta(document)
        if type(value) is str:
            return value or None
        if not self.convert_non_string or value is None or value is MISSING:
            return None
        return json.dumps(value, ensure_ascii=False)

    def is_stop(self, document: object) -> bool:
        """Whether ``document`` meets the spec's JSONPath stop condition."""
        if self.stop_path is None:
            return False
        value = self.stop_path(document)
        # JSON equality: true is not 1, and 1 is not "1".
        return type(value) is type(self.stop_equals) and value == self.stop_equals

    def error_in(self, document: object) -> object | None:
        """The error message ``document`` carries at the error path, or None."""
        if self.error_message is None:
            return None
        message = self.error_message(document)
        return None if message is MISSING else message

    def read(self, text: str, origin: Origin) -> tuple[str | None, bool]:
        """Parse one JSON event or line: its delta, and whether the answer is complete."""
        document = _parse_json(text, origin)
        message = self.error_in(document)
        if message is not None:
            raise _reported(message, origin)
        return self.text(document), self.is_stop(document)


def _reported(message: object, origin: Origin) -> ServerReportedError:
    text = message if isinstance(message, str) else json.dumps(message, ensure_ascii=False)
    return ServerReportedError(text, provider=origin.provider, endpoint=origin.endpoint)


def _parse_json(text: str, origin: Origin) -> object:
    try:
        return json.loads(text)
    except ValueError as error:
        raise MalformedEventError(
            f"invalid JSON ({error.args[0]})",
            text,
            provider=origin.provider,
            endpoint=origin.endpoint,
        ) from None


def _too_large(error: OversizeError, origin: Origin) -> EventTooLargeError:
    return EventTooLargeError(error.limit, provider=origin.provider, endpoint=origin.endpoint)


def _incomplete(reason: str, origin: Origin) -> IncompleteStreamError:
    return IncompleteStreamError(reason, provider=origin.provider, endpoint=origin.endpoint)


@dataclass(frozen=True, slots=True)
class SSEFraming:
    """Server-sent events whose data is JSON (or a sentinel such as ``[DONE]``)."""

    rules: JSONRules
    delta_events: frozenset[str] | None = None
    stop_data: str | None = None
    stop_event: str | None = None
    error_event: str | None = None
    content_types: tuple[str, ...] = ("text/event-stream",)
    max_event_size: int = DEFAULT_MAX_SIZE

    @property
    def has_stop(self) -> bool:
        """Whether the spec says how the answer ends (else the end of the body ends it)."""
        return bool(self.stop_data or self.stop_event or self.rules.stop_path)

    async def deltas(self, chunks: AsyncIterable[bytes], origin: Origin) -> AsyncIterator[str]:
        """Yield each text delta of the body, and check that the stream ended properly."""
        decoder = SSEDecoder(self.max_event_size)
        async for chunk in chunks:
            try:
                events = decoder.feed(chunk)
            except OversizeError as error:
                raise _too_large(error, origin) from None
            for event in events:
                text, stop = self._interpret(event, origin)
                if text:
                    yield text
                if stop:
                    return
        decoder.close()
        if self.has_stop:
            raise _incomplete("the stream ended before its stop event: answer truncated", origin)
        if decoder.truncated:
            raise _incomplete("the stream ended in the middle of an event", origin)

    def _interpret(self, event: ServerSentEvent, origin: Origin) -> tuple[str | None, bool]:
        if event.event == self.stop_event:
            return None, True
        if event.event == self.error_event:
            raise _reported(self._error_text(event.data), origin)
        if event.data == self.stop_data:
            return None, True
        if self.delta_events is not None and event.event not in self.delta_events:
            return None, False
        return self.rules.read(event.data, origin)

    def _error_text(self, data: str) -> object:
        """The message of an error event: at the error path if the data is JSON, else the data."""
        try:
            message = self.rules.error_in(json.loads(data))
        except ValueError:
            return data
        return data if message is None else message


@dataclass(frozen=True, slots=True)
class NDJSONFraming:
    """One JSON document per line (Ollama's ``/api/chat``, for one)."""

    rules: JSONRules
    content_types: tuple[str, ...] = ("application/x-ndjson",)
    max_event_size: int = DEFAULT_MAX_SIZE

    @property
    def has_stop(self) -> bool:
        """Whether the spec says how the answer ends (else the end of the body ends it)."""
        return self.rules.stop_path is not None

    async def deltas(self, chunks: AsyncIterable[bytes], origin: Origin) -> AsyncIterator[str]:
        """Yield each text delta of the body, and check that the stream ended properly."""
        decoder = LineDecoder(self.max_event_size)
        async for chunk in chunks:
            try:
                lines = decoder.feed(chunk)
            except OversizeError as error:
                raise _too_large(error, origin) from None
            for line in lines:
                text, stop = self.rules.read(line, origin)
                if text:
                    yield text
                if stop:
                    return
        for line in decoder.close():
            text, stop = self.rules.read(line, origin)
            if text:
                yield text
            if stop:
                return
        if self.has_stop:
            raise _incomplete(
                "the stream ended before its stop condition: answer truncated", origin
            )


@dataclass(frozen=True, slots=True)
class TextFraming:
    """The body itself is the answer, decoded as UTF-8 as it arrives."""

    content_types: tuple[str, ...] = ("text/plain",)

    async def deltas(self, chunks: AsyncIterable[bytes], origin: Origin) -> AsyncIterator[str]:
        """Yield the body's text as it arrives; the end of the body ends the answer."""
        decoder = TextDecoder()
        async for chunk in chunks:
            text = decoder.feed(chunk)
            if text:
                yield text
        tail = decoder.close()
        if tail:
            yield tail


Framing = SSEFraming | NDJSONFraming | TextFraming
