"""Chat messages, and the two ways prompt-style endpoints want them as one string."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypedDict

__all__ = ["Message", "format_prompt", "last_user_message"]


class Message(TypedDict):
    """One chat message, as OpenAI-style endpoints take it."""

    role: str
    content: str


def format_prompt(messages: Sequence[Message]) -> str:
    """The conversation as one prompt, as gpt4free's ``format_prompt`` builds it.

    One ``Role: content`` line per message, then ``Assistant:`` for the model to continue. A
    single message is sent as its bare content.
    """
    if len(messages) == 1:
        return messages[0]["content"]
    lines = [f"{message['role'].capitalize()}: {message['content']}" for message in messages]
    return "\n".join([*lines, "Assistant:"])


def last_user_message(messages: Sequence[Message]) -> str:
    """The content of the last message whose role is ``user``, or "" when there is none."""
    for message in reversed(messages):
        if message["role"] == "user":
            return message["content"]
    return ""
