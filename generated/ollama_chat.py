# Generated from specs/ollama_chat.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The OllamaChat streaming provider, generated from its spec."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import aiohttp

from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._events import Finish, Usage
from ._runtime._framings import (
    MISSING,
    UNSET,
    DocumentRules,
    NDJSONFraming,
    Shape,
    UnsetType,
    json_equals,
)
from ._runtime._messages import Message
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._stream import StreamItem, TextStream


def _read_document(document: object, items: list[StreamItem]) -> tuple[object, bool]:
    # Every JSONPath of the spec in one pass, each shared prefix walked once:
    # delta '$.message.content'
    # stop '$.done'
    # finish_reason '$.done_reason'
    # input_tokens '$.prompt_eval_count'
    # output_tokens '$.eval_count'
    # error '$.error'
    delta: object = MISSING
    stop: object = MISSING
    finish_reason: object = MISSING
    input_tokens: object = MISSING
    output_tokens: object = MISSING
    error: object = MISSING
    if isinstance(document, dict):
        if "message" in document:
            node_1 = document["message"]
            if isinstance(node_1, dict) and "content" in node_1:
                delta = node_1["content"]
        if "done" in document:
            stop = document["done"]
        if "done_reason" in document:
            finish_reason = document["done_reason"]
        if "prompt_eval_count" in document:
            input_tokens = document["prompt_eval_count"]
        if "eval_count" in document:
            output_tokens = document["eval_count"]
        if "error" in document:
            error = document["error"]
    if error is not None and error is not MISSING:
        return error, False
    if type(delta) is str and delta:
        items.append(delta)
    if input_tokens is not MISSING or output_tokens is not MISSING:
        input_tokens_count = input_tokens if type(input_tokens) is int else None
        output_tokens_count = output_tokens if type(output_tokens) is int else None
        if input_tokens_count is not None or output_tokens_count is not None:
            items.append(Usage(input_tokens_count, output_tokens_count))
    if isinstance(finish_reason, str) and finish_reason:
        items.append(Finish(finish_reason))
    return None, json_equals(stop, True)


class _Shape1(Shape):
    # The members of '$.message' that the paths read.
    content: object = MISSING


class _Document(Shape):
    # The members of '$' that the paths read.
    message: _Shape1 | UnsetType = UNSET
    done: object = MISSING
    done_reason: object = MISSING
    prompt_eval_count: object = MISSING
    eval_count: object = MISSING
    error: object = MISSING


def _read_shape(document: _Document, items: list[StreamItem]) -> tuple[object, bool]:
    # The same paths, from _Document, each shared prefix walked once:
    # delta '$.message.content'
    # stop '$.done'
    # finish_reason '$.done_reason'
    # input_tokens '$.prompt_eval_count'
    # output_tokens '$.eval_count'
    # error '$.error'
    delta: object = MISSING
    stop: object = MISSING
    finish_reason: object = MISSING
    input_tokens: object = MISSING
    output_tokens: object = MISSING
    error: object = MISSING
    node_1 = document.message
    if node_1 is not UNSET:
        delta = node_1.content
    stop = document.done
    finish_reason = document.done_reason
    input_tokens = document.prompt_eval_count
    output_tokens = document.eval_count
    error = document.error
    if error is not None and error is not MISSING:
        return error, False
    if type(delta) is str and delta:
        items.append(delta)
    if input_tokens is not MISSING or output_tokens is not MISSING:
        input_tokens_count = input_tokens if type(input_tokens) is int else None
        output_tokens_count = output_tokens if type(output_tokens) is int else None
        if input_tokens_count is not None or output_tokens_count is not None:
            items.append(Usage(input_tokens_count, output_tokens_count))
    if isinstance(finish_reason, str) and finish_reason:
        items.append(Finish(finish_reason))
    return None, json_equals(stop, True)


_ENDPOINT = Endpoint(
    provider="OllamaChat",
    method="POST",
    url="http://127.0.0.1:11434/api/chat",
    framing=NDJSONFraming(
        rules=DocumentRules(
            walk=_read_document, shape=_Document, shape_walk=_read_shape, has_stop=True
        ),
        content_types=("application/x-ndjson",),
    ),
)


class OllamaChat(AsyncGeneratorProvider):
    """Streams answers from the OllamaChat endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = "Ollama's chat endpoint on this machine, streamed as NDJSON."
    url: ClassVar[str] = "https://ollama.com"
    working: ClassVar[bool] = True
    supports_stream: ClassVar[bool] = True
    supports_gpt_35_turbo: ClassVar[bool] = False
    supports_gpt_4: ClassVar[bool] = False
    supports_message_history: ClassVar[bool] = True
    default_model: ClassVar[str | None] = "llama3.2"
    models: ClassVar[tuple[str, ...]] = ("llama3.2", "qwen2.5", "mistral")

    @classmethod
    def create_async_generator(
        cls,
        model: str,
        messages: Sequence[Message],
        *,
        # Sampling temperature.
        temperature: float | None = None,
        # How long the model stays loaded.
        keep_alive: str = "5m",
        session: aiohttp.ClientSession | None = None,
        proxy: str | None = None,
        timeout: float | Timeouts | None = None,
        base_url: str | Mapping[str, str] | None = None,
        max_retries: int | None = None,
    ) -> TextStream:
        """Stream the answer to ``messages``, text delta by text delta.

        ``session`` is reused and left open; ``proxy`` is an HTTP proxy URL; ``timeout`` is the
        total in seconds or a ``Timeouts``; ``base_url`` points the call at another server
        (scheme, host and port, plus a path prefix), or each origin it names at one;
        ``max_retries`` overrides the spec's.
        Other keyword arguments are rejected with a TypeError.
        """
        model = model or "llama3.2"
        headers: dict[str, str] = {}
        body: dict[str, Any] = {
            "model": model,
            "messages": list(messages),
            "stream": True,
            "keep_alive": keep_alive,
            **({"options": {"temperature": temperature}} if temperature is not None else {}),
        }
        return _ENDPOINT.stream(
            headers,
            body,
            session=session,
            proxy=proxy,
            timeout=timeout,
            base_url=base_url,
            max_retries=max_retries,
        )
