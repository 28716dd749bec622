# Generated from generator/runtime/_openai_format.py by `python -m generator build`: do not edit by hand.
# A copy of the generator's runtime: edit its source, then regenerate.
"""OpenAI's chat completion format, as the gateway answers in it: chunks, completions, models.

The shapes are OpenAI's own (``chat.completion.chunk``, ``chat.completion``, the model list),
so any OpenAI client reads them; only ``delta.reasoning_content`` is DeepSeek's, the name
OpenAI-compatible servers give reasoning. Text is sent as UTF-8, a lone surrogate (what JSON's
``"\\ud83d"`` escape decodes to without its pair, from an upstream that cut text between the
two) as U+FFFD, the character a UTF-8 decoder puts in place of what it cannot read.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable

import msgspec

from ._events import Usage
from ._registry import ProviderInfo

__all__ = [
    "DONE_EVENT",
    "ChunkEncoder",
    "completion_body",
    "models_body",
    "new_completion_id",
    "openai_finish_reason",
    "usage_body",
    "valid_text",
]

DONE_EVENT = b"data: [DONE]\n\n"
"""The last event of a streamed completion that ended well."""

_FINISH_REASONS = {
    # OpenAI's own, and the OpenAI-compatible APIs' (Groq, Mistral, DeepSeek, Ollama)
    "stop": "stop",
    "length": "length",
    "tool_calls": "tool_calls",
    "content_filter": "content_filter",
    "function_call": "tool_calls",
    "model_length": "length",
    # Anthropic
    "end_turn": "stop",
    "stop_sequence": "stop",
    "max_tokens": "length",
    "tool_use": "tool_calls",
    "refusal": "content_filter",
    # Gemini (STOP and MAX_TOKENS are above)
    "safety": "content_filter",
    "recitation": "content_filter",
    "blocklist": "content_filter",
    "prohibited_content": "content_filter",
    "spii": "content_filter",
    "image_safety": "content_filter",
    # Cohere
    "complete": "stop",
    "tool_call": "tool_calls",
    "error_toxic": "content_filter",
    # OpenAI's Responses API (its status), llama.cpp, TGI
    "completed": "stop",
    "incomplete": "length",
    "eos": "stop",
    "word": "stop",
    "limit": "length",
    "eos_token": "stop",
}
"""Each API's finish reasons, lowercased, as OpenAI's; docs/gateway.md shows the same table."""

_encode = msgspec.json.encode

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
"""A surrogate in a Python string is always alone: a JSON decoder joins each pair it reads."""


def new_completion_id() -> str:
    """A fresh completion id in OpenAI's form: ``chatcmpl-`` and 32 hex digits."""
    return f"chatcmpl-{uuid.uuid4().hex}"


def openai_finish_reason(reason: str | None) -> str:
    """The provider's finish reason as OpenAI names it (``stop``, ``length``, ``tool_calls``,
    ``content_filter``); ``stop`` when the provider said none, or one OpenAI has no name for.

    A stream that ends without a reason ended well: the runtime raises when it was cut off.
    """
    if reason is None:
        return "stop"
    return _FINISH_REASONS.get(reason.lower(), "stop")


def usage_body(usage: Usage) -> dict[str, int]:
    """Token counts in OpenAI's names, all integers as OpenAI's clients require: a count the
    provider did not report is 0, and the total is the sum of the two."""
    prompt = usage.input_tokens or 0
    completion = usage.output_tokens or 0
    return {
        "prompt_tokens": prompt,
        "completion_tokens": completion,
        "total_tokens": prompt + completion,
    }


class ChunkEncoder:
    """The ``chat.completion.chunk`` events of one streamed completion, each a ``data:`` line.

    What every chunk repeats (id, created, model) is encoded once; a content chunk costs the
    encoding of its text alone.
    """

    __slots__ = ("_head", "_tail", "_usage_field")

    def __init__(self, completion_id: str, created: int, model: str, *, include_usage: bool):
        common = {
            "id": completion_id,
            "object": "chat.completion.chunk",
            "created": created,
            "model": model,
        }
        self._head = b"data: " + _encode(common)[:-1]
        """The chunk's first members, its closing brace cut off."""
        # With include_usage, OpenAI sends "usage": null in every chunk but the last.
        self._usage_field = b',"usage":null' if include_usage else b""
        self._tail = b',"logprobs":null,"finish_reason":null}]' + self._usage_field + b"}\n\n"

    def role(self) -> bytes:
        """The first chunk: the assistant's role, and no text yet."""
        return self._delta(b'{"role":"assistant","content":""}')

    def content(self, text: str) -> bytes:
        """A chunk of the answer's text."""
        return self._delta(b'{"content":' + _encoded_text(text) + b"}")

    def reasoning(self, text: str) -> bytes:
        """A chunk of the model's reasoning."""
        return self._delta(b'{"reasoning_content":' + _encoded_text(text) + b"}")

    def finish(self, reason: str) -> bytes:
        """The chunk that says why the answer ended: an empty delta and the reason."""
        return (
            self._head
            + b',"choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":'
            + _encode(reason)
            + b"}]"
            + self._usage_field
            + b"}\n\n"
        )

    def usage(self, usage: Usage) -> bytes:
        """The chunk ``stream_options.include_usage`` asks for: no choices, the token counts."""
        return self._head + b',"choices":[],"usage":' + _encode(usage_body(usage)) + b"}\n\n"

    def _delta(self, delta: bytes) -> bytes:
        return self._head + b',"choices":[{"index":0,"delta":' + delta + self._tail


def completion_body(
    completion_id: str,
    created: int,
    model: str,
    text: str,
    reasoning: str,
    finish_reason: str,
    usage: Usage | None,
) -> dict[str, object]:
    """A whole ``chat.completion`` object; ``usage`` is left out when the provider gave none."""
    message: dict[str, object] = {"role": "assistant", "content": valid_text(text)}
    if reasoning:
        message["reasoning_content"] = valid_text(reasoning)
    body: dict[str, object] = {
        "id": completion_id,
        "object": "chat.completion",
        "created": created,
        "model": model,
        "choices": [
            {"index": 0, "message": message, "logprobs": None, "finish_reason": finish_reason}
        ],
    }
    if usage is not None:
        body["usage"] = usage_body(usage)
    return body


def models_body(infos: Iterable[ProviderInfo]) -> dict[str, object]:
    """The model list: ``PROVIDER/MODEL`` for each model of each provider, in OpenAI's form.

    A provider that names no model is listed as ``PROVIDER`` alone.
    """
    data = [
        {"id": model_id, "object": "model", "created": 0, "owned_by": info.name}
        for info in infos
        for model_id in _model_ids(info)
    ]
    return {"object": "list", "data": data}


def _model_ids(info: ProviderInfo) -> list[str]:
    models = list(info.models)
    if info.default_model and info.default_model not in models:
        models.insert(0, info.default_model)
    return [f"{info.name}/{model}" for model in models] or [info.name]


def _encoded_text(text: str) -> bytes:
    """``text`` as a JSON string: the common case encoded at once, a lone surrogate replaced."""
    try:
        return _encode(text)
    except UnicodeEncodeError:
        return _encode(valid_text(text))


def valid_text(text: str) -> str:
    """``text`` with each lone surrogate made U+FFFD: UTF-8 has no byte for it."""
    return _LONE_SURROGATE.sub("\ufffd", text)
