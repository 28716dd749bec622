"""What a stream carries besides text: typed events, in the order they arrive.

``async for text in stream`` yields the text alone; ``stream.events()`` yields every event, the
text as :class:`TextDelta`. Reasoning is never text: it comes as :class:`ReasoningDelta` only.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Finish", "ReasoningDelta", "StreamEvent", "TextDelta", "ToolCallDelta", "Usage"]


@dataclass(frozen=True, slots=True)
class TextDelta:
    """A piece of the answer's text."""

    text: str


@dataclass(frozen=True, slots=True)
class ReasoningDelta:
    """A piece of the model's reasoning (DeepSeek's ``reasoning_content``, Claude's thinking)."""

    text: str


@dataclass(frozen=True, slots=True)
class ToolCallDelta:
    """A piece of a tool call, as the server sent it (OpenAI: index, id, function name, args)."""

    delta: object


@dataclass(frozen=True, slots=True)
class Usage:
    """Token counts the server reported; a later report fills in or updates an earlier one."""

    input_tokens: int | None = None
    output_tokens: int | None = None

    @property
    def total_tokens(self) -> int | None:
        """Input and output together, when both are known."""
        if self.input_tokens is None or self.output_tokens is None:
            return None
        return self.input_tokens + self.output_tokens

    def updated(self, later: Usage) -> Usage:
        """This usage with what ``later`` reports in place of what it knew."""
        return Usage(
            later.input_tokens if later.input_tokens is not None else self.input_tokens,
            later.output_tokens if later.output_tokens is not None else self.output_tokens,
        )


@dataclass(frozen=True, slots=True)
class Finish:
    """Why the answer ended, as the server says it (``stop``, ``length``, ``STOP``, ...)."""

    reason: str


StreamEvent = TextDelta | ReasoningDelta | ToolCallDelta | Usage | Finish
"""Every kind of event ``stream.events()`` yields."""
