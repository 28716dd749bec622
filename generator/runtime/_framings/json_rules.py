"""What to take from each JSON document of a stream: shared by the framings that carry JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass

from .._exceptions import MalformedEventError, ServerReportedError
from .base import MISSING, Origin, Selector

__all__ = ["JSONRules", "parse_json", "reported"]


@dataclass(frozen=True, slots=True)
class JSONRules:
    """The spec's JSONPaths for one stream, compiled: the delta, the stop condition, errors."""

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
        document = parse_json(text, origin)
        message = self.error_in(document)
        if message is not None:
            raise reported(message, origin)
        return self.text(document), self.is_stop(document)


def reported(message: object, origin: Origin) -> ServerReportedError:
    """The error for a message the server sent in the stream (as JSON text if not a string)."""
    text = message if isinstance(message, str) else json.dumps(message, ensure_ascii=False)
    return ServerReportedError(text, provider=origin.provider, endpoint=origin.endpoint)


def parse_json(text: str, origin: Origin) -> object:
    """``text`` as JSON, or a MalformedEventError quoting it."""
    try:
        return json.loads(text)
    except ValueError as error:
        raise MalformedEventError(
            f"invalid JSON ({error.args[0]})",
            text,
            provider=origin.provider,
            endpoint=origin.endpoint,
        ) from None
