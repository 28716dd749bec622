# Generated from specs/llamacpp_completion.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The LlamacppCompletion streaming provider, generated from its spec."""

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
    Shape,
    SSEFraming,
    UnsetType,
    json_equals,
)
from ._runtime._messages import Message, format_prompt
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._stream import StreamItem, TextStream


def _read_document(document: object, items: list[StreamItem]) -> tuple[object, bool]:
    # Every JSONPath of the spec in one pass, each shared prefix walked once:
    # delta '$.content'
    # stop '$.stop'
    # finish_reason '$.stop_type'
    # input_tokens '$.tokens_evaluated'
    # output_tokens '$.tokens_predicted'
    # error '$.error.message'
    # error_2 '$.message'
    delta: object = MISSING
    stop: object = MISSING
    finish_reason: object = MISSING
    input_tokens: object = MISSING
    output_tokens: object = MISSING
    error: object = MISSING
    error_2: object = MISSING
    if isinstance(document, dict):
        if "content" in document:
            delta = document["content"]
        if "stop" in document:
            stop = document["stop"]
        if "stop_type" in document:
            finish_reason = document["stop_type"]
        if "tokens_evaluated" in document:
            input_tokens = document["tokens_evaluated"]
        if "tokens_predicted" in document:
            output_tokens = document["tokens_predicted"]
        if "error" in document:
            node_1 = document["error"]
            if isinstance(node_1, dict) and "message" in node_1:
                error = node_1["message"]
        if "message" in document:
            error_2 = document["message"]
    if error is not None and error is not MISSING:
        return error, False
    if error_2 is not None and error_2 is not MISSING:
        return error_2, False
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
    # The members of '$.error' that the paths read.
    message: object = MISSING


class _Document(Shape):
    # The members of '$' that the paths read.
    content: object = MISSING
    stop: object = MISSING
    stop_type: object = MISSING
    tokens_evaluated: object = MISSING
    tokens_predicted: object = MISSING
    error: _Shape1 | UnsetType = UNSET
    message: object = MISSING


def _read_shape(document: _Document, items: list[StreamItem]) -> tuple[object, bool]:
    # The same paths, from _Document, each shared prefix walked once:
    # delta '$.content'
    # stop '$.stop'
    # finish_reason '$.stop_type'
    # input_tokens '$.tokens_evaluated'
    # output_tokens '$.tokens_predicted'
    # error '$.error.message'
    # error_2 '$.message'
    delta: object = MISSING
    stop: object = MISSING
    finish_reason: object = MISSING
    input_tokens: object = MISSING
    output_tokens: object = MISSING
    error: object = MISSING
    error_2: object = MISSING
    delta = document.content
    stop = document.stop
    finish_reason = document.stop_type
    input_tokens = document.tokens_evaluated
    output_tokens = document.tokens_predicted
    node_1 = document.error
    if node_1 is not UNSET:
        error = node_1.message
    error_2 = document.message
    if error is not None and error is not MISSING:
        return error, False
    if error_2 is not None and error_2 is not MISSING:
        return error_2, False
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
    provider="LlamacppCompletion",
    method="POST",
    url="http://127.0.0.1:8080/completion",
    framing=SSEFraming(
        rules=DocumentRules(
            walk=_read_document, shape=_Document, shape_walk=_read_shape, has_stop=True
        ),
        error_field="error",
        content_types=("text/event-stream",),
    ),
)


class LlamacppCompletion(AsyncGeneratorProvider):
    """Streams answers from the LlamacppCompletion endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = "llama.cpp server's /completion, streamed as server-sent events."
    url: ClassVar[str] = "https://github.com/ggml-org/llama.cpp"
    working: ClassVar[bool] = True
    supports_stream: ClassVar[bool] = True
    supports_gpt_35_turbo: ClassVar[bool] = False
    supports_gpt_4: ClassVar[bool] = False
    supports_message_history: ClassVar[bool] = True
    default_model: ClassVar[str | None] = None
    models: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def create_async_generator(
        cls,
        model: str,
        messages: Sequence[Message],
        *,
        # Most tokens to generate.
        n_predict: int = 256,
        # Sampling temperature.
        temperature: float | None = None,
        session: aiohttp.ClientSession | None = None,
        proxy: str | None = None,
        timeout: float | Timeouts | None = None,
        base_url: str | Mapping[str, str] | None = None,
        max_retries: int | None = None,
        **kwargs: Any,
    ) -> TextStream:
        """Stream the answer to ``messages``, text delta by text delta.

        ``session`` is reused and left open; ``proxy`` is an HTTP proxy URL; ``timeout`` is the
        total in seconds or a ``Timeouts``; ``base_url`` points the call at another server
        (scheme, host and port, plus a path prefix), or each origin it names at one;
        ``max_retries`` overrides the spec's.
        Other keyword arguments are merged into the top level of the JSON body.
        """
        headers: dict[str, str] = {}
        body: dict[str, Any] = {
            "prompt": format_prompt(messages),
            "n_predict": n_predict,
            **({"temperature": temperature} if temperature is not None else {}),
            "stream": True,
            **kwargs,
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
