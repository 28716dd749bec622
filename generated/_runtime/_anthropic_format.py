# Generated from generator/runtime/_anthropic_format.py by `python -m generator build`: do not edit by hand.
# A copy of the generator's runtime: edit its source, then regenerate.
"""Anthropic's Messages API, as the gateway reads and answers it: ``POST /v1/messages``.

A request is read into the chat request the gateway serves (``system`` as a first system
message, text blocks as text parts, every other field passed on as a field of the chat
request, ``max_tokens`` and the sampling options among them); an answer is written as Anthropic
writes it: streamed (``message_start``, a content block per kind of text, thinking then text,
``message_delta`` with the stop reason and usage, ``message_stop``) or whole, and errors in
Anthropic's shape (``{"type": "error", "error": {"type", "message"}}``).
"""

from __future__ import annotations

import uuid
from typing import Any

import msgspec

from ._events import Usage
from ._gateway_errors import GatewayError
from ._openai_format import valid_text

__all__ = [
    "MessageEncoder",
    "anthropic_chat_document",
    "anthropic_error_body",
    "message_body",
]

_STOP_REASONS = {
    "stop": "end_turn",
    "length": "max_tokens",
    "tool_calls": "tool_use",
    "content_filter": "refusal",
}
"""OpenAI's finish reasons, as the gateway has them, in Anthropic's words."""

_ERROR_TYPES = {
    "invalid_request_error": "invalid_request_error",
    "authentication_error": "authentication_error",
    "permission_error": "permission_error",
    "not_found_error": "not_found_error",
    "rate_limit_error": "rate_limit_error",
}
"""The gateway's error types that Anthropic has too; every other is its ``api_error``."""

_THINKING = frozenset({"thinking", "redacted_thinking"})

_encode = msgspec.json.encode


def _invalid(message: str) -> GatewayError:
    return GatewayError(400, message, type="invalid_request_error", code="invalid_value")


def anthropic_chat_document(document: dict[str, Any]) -> dict[str, Any]:
    """The chat request a Messages API request asks for; raises GatewayError (400)."""
    messages = document.get("messages")
    if not isinstance(messages, list):
        raise _invalid("messages must be a list")
    chat = {key: value for key, value in document.items() if key != "system"}
    if document.get("stream") is True:  # its message_delta tells the usage: ask for it
        chat["stream_options"] = {"include_usage": True}
    system = _text_of(document.get("system"), "system")
    converted = [_message(message, index) for index, message in enumerate(messages)]
    chat["messages"] = ([{"role": "system", "content": system}] if system else []) + converted
    return chat


def _message(message: object, index: int) -> dict[str, Any]:
    if not isinstance(message, dict) or message.get("role") not in ("user", "assistant"):
        raise _invalid(f"messages[{index}] must be an object whose role is user or assistant")
    content = message.get("content")
    if isinstance(content, str):
        return {"role": message["role"], "content": content}
    if not isinstance(content, list):
        raise _invalid(f"messages[{index}].content must be text or a list of blocks")
    return {"role": message["role"], "content": _parts(content, f"messages[{index}].content")}


def _parts(blocks: list[Any], where: str) -> list[dict[str, Any]]:
    """Text blocks as text parts; thinking blocks (an answer's, sent back with it) passed
    over, as Anthropic does; any other block is refused: no provider here reads it."""
    parts = []
    for number, block in enumerate(blocks):
        if isinstance(block, dict) and block.get("type") in _THINKING:
            continue
        if not isinstance(block, dict) or block.get("type") != "text":
            kind = block.get("type") if isinstance(block, dict) else type(block).__name__
            raise _invalid(f"{where}[{number}] is a {kind!r} block: only text blocks are served")
        if not isinstance(block.get("text"), str):
            raise _invalid(f"{where}[{number}].text must be text")
        parts.append({"type": "text", "text": block["text"]})
    return parts


def _text_of(system: object, where: str) -> str:
    """A system prompt's text: itself, or its text blocks joined."""
    if system is None or isinstance(system, str):
        return system or ""
    if isinstance(system, list):
        return "".join(part["text"] for part in _parts(system, where))
    raise _invalid(f"{where} must be text or a list of text blocks")


def stop_reason(finish_reason: str) -> str:
    return _STOP_REASONS.get(finish_reason, "end_turn")


def _usage(usage: Usage | None) -> dict[str, int]:
    if usage is None:
        return {"input_tokens": 0, "output_tokens": 0}
    return {"input_tokens": usage.input_tokens or 0, "output_tokens": usage.output_tokens or 0}


def new_message_id() -> str:
    return f"msg_{uuid.uuid4().hex[:24]}"


def message_body(
    model: str, text: str, reasoning: str, finish_reason: str, usage: Usage | None
) -> dict[str, object]:
    """A whole Messages API answer."""
    content: list[dict[str, object]] = []
    if reasoning:
        content.append({"type": "thinking", "thinking": valid_text(reasoning), "signature": ""})
    content.append({"type": "text", "text": valid_text(text)})
    return {
        "id": new_message_id(),
        "type": "message",
        "role": "assistant",
        "model": model,
        "content": content,
        "stop_reason": stop_reason(finish_reason),
        "stop_sequence": None,
        "usage": _usage(usage),
    }


def anthropic_error_body(error: GatewayError) -> dict[str, object]:
    """``error`` in Anthropic's shape."""
    kind = _ERROR_TYPES.get(error.type, "api_error")
    return {"type": "error", "error": {"type": kind, "message": valid_text(error.message)}}


def _event(kind: str, data: dict[str, object]) -> bytes:
    return b"event: " + kind.encode() + b"\ndata: " + _encode({"type": kind, **data}) + b"\n\n"


class MessageEncoder:
    """The events of one streamed answer: a content block is opened for each kind of text as
    it first comes (thinking before text: a thinking delta after the text has begun is passed
    over, as Anthropic's order has none)."""

    def __init__(self, model: str) -> None:
        self._model = model
        self._block: str | None = None
        self._index = -1

    def start(self) -> bytes:
        message: dict[str, object] = {
            "id": new_message_id(),
            "type": "message",
            "role": "assistant",
            "model": self._model,
            "content": [],
            "stop_reason": None,
            "stop_sequence": None,
            "usage": {"input_tokens": 0, "output_tokens": 0},
        }
        return _event("message_start", {"message": message})

    def text(self, text: str) -> bytes:
        return self._delta("text", {"type": "text_delta", "text": valid_text(text)})

    def thinking(self, text: str) -> bytes:
        if self._block == "text":
            return b""
        return self._delta("thinking", {"type": "thinking_delta", "thinking": valid_text(text)})

    def _delta(self, kind: str, delta: dict[str, object]) -> bytes:
        opened = b""
        if self._block != kind:
            opened = self._closed()
            self._index += 1
            self._block = kind
            block = {"type": kind, kind: ""} | ({"signature": ""} if kind == "thinking" else {})
            opened += _event("content_block_start", {"index": self._index, "content_block": block})
        return opened + _event("content_block_delta", {"index": self._index, "delta": delta})

    def _closed(self) -> bytes:
        if self._block is None:
            return b""
        return _event("content_block_stop", {"index": self._index})

    def end(self, finish_reason: str, usage: Usage | None) -> bytes:
        """The events that end an answer that went well."""
        ending = b"" if self._block else self.text("")  # an empty answer: one empty block
        ending += self._closed()
        delta = {"stop_reason": stop_reason(finish_reason), "stop_sequence": None}
        ending += _event("message_delta", {"delta": delta, "usage": _usage(usage)})
        return ending + _event("message_stop", {})

    def error(self, error: GatewayError) -> bytes:
        """The last event of an answer that failed once it had begun."""
        return b"event: error\ndata: " + _encode(anthropic_error_body(error)) + b"\n\n"
