"""Chat messages, and the text that prompt-style endpoints and system fields want of them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Required, TypedDict

__all__ = [
    "ContentPart",
    "Message",
    "content_text",
    "format_prompt",
    "last_message",
    "last_user_message",
    "system_text",
]


class ContentPart(TypedDict, total=False):
    """One part of a message's content, as OpenAI-style endpoints take it.

    ``{"type": "text", "text": ...}``, or another type (``image_url``, ...) with its own keys.
    """

    type: Required[str]
    text: str
    image_url: dict[str, str]


class Message(TypedDict):
    """One chat message: its content is text, or a list of parts."""

    role: str
    content: str | list[ContentPart]


def content_text(content: str | Sequence[ContentPart]) -> str:
    """The text of a content: itself, or its text parts joined (other parts have no text)."""
    if isinstance(content, str):
        return content
    return "".join(part.get("text", "") for part in content if part.get("type") == "text")


def system_text(messages: Sequence[Message]) -> str | None:
    """The text of the system messages, joined by blank lines; None when there are none."""
    texts = [content_text(m["content"]) for m in messages if m["role"] == "system"]
    return "\n\n".join(texts) if texts else None


def format_prompt(messages: Sequence[Message]) -> str:
    """The conversation as one prompt, as gpt4free's ``format_prompt`` builds it.

    One ``Role: content`` line per message, then ``Assistant:`` for the model to continue. A
    single message is sent as its bare content.
    """
    if len(messages) == 1:
        return content_text(messages[0]["content"])
    lines = [f"{m['role'].capitalize()}: {content_text(m['content'])}" for m in messages]
    return "\n".join([*lines, "Assistant:"])


def last_user_message(messages: Sequence[Message]) -> str:
    """The text of the last message whose role is ``user``, or "" when there is none."""
    for message in reversed(messages):
        if message["role"] == "user":
            return content_text(message["content"])
    return ""


def last_message(messages: Sequence[Message], role: str | None = None) -> str:
    """The text of the last message (of ``role``, if given), or "" when there is none."""
    for message in reversed(messages):
        if role is None or message["role"] == role:
            return content_text(message["content"])
    return ""
