# Generated from specs/openai_responses.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The OpenaiResponses streaming provider, generated from its spec."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import aiohttp

from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._events import Finish, Usage
from ._runtime._framings import MISSING, UNSET, DocumentRules, Shape, SSEFraming, UnsetType
from ._runtime._messages import Message, content_text, system_text
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._stream import StreamItem, TextStream


def _read_document(document: object, items: list[StreamItem]) -> tuple[object, bool]:
    # Every JSONPath of the spec in one pass, each shared prefix walked once:
    # delta '$.delta'
    # finish_reason '$.response.status'
    # input_tokens '$.response.usage.input_tokens'
    # output_tokens '$.response.usage.output_tokens'
    # error '$.response.error.message'
    # error_2 '$.message'
    delta: object = MISSING
    finish_reason: object = MISSING
    input_tokens: object = MISSING
    output_tokens: object = MISSING
    error: object = MISSING
    error_2: object = MISSING
    if isinstance(document, dict):
        if "delta" in document:
            delta = document["delta"]
        if "response" in document:
            node_1 = document["response"]
            if isinstance(node_1, dict):
                if "status" in node_1:
                    finish_reason = node_1["status"]
                if "usage" in node_1:
                    node_2 = node_1["usage"]
                    if isinstance(node_2, dict):
                        if "input_tokens" in node_2:
                            input_tokens = node_2["input_tokens"]
                        if "output_tokens" in node_2:
                            output_tokens = node_2["output_tokens"]
                if "error" in node_1:
                    node_3 = node_1["error"]
                    if isinstance(node_3, dict) and "message" in node_3:
                        error = node_3["message"]
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
    return None, False


class _Shape1(Shape):
    # The members of '$.response.usage' that the paths read.
    input_tokens: object = MISSING
    output_tokens: object = MISSING


class _Shape2(Shape):
    # The members of '$.response.error' that the paths read.
    message: object = MISSING


class _Shape3(Shape):
    # The members of '$.response' that the paths read.
    status: object = MISSING
    usage: _Shape1 | UnsetType = UNSET
    error: _Shape2 | UnsetType = UNSET


class _Document(Shape):
    # The members of '$' that the paths read.
    delta: object = MISSING
    response: _Shape3 | UnsetType = UNSET
    message: object = MISSING


def _read_shape(document: _Document, items: list[StreamItem]) -> tuple[object, bool]:
    # The same paths, from _Document, each shared prefix walked once:
    # delta '$.delta'
    # finish_reason '$.response.status'
    # input_tokens '$.response.usage.input_tokens'
    # output_tokens '$.response.usage.output_tokens'
    # error '$.response.error.message'
    # error_2 '$.message'
    delta: object = MISSING
    finish_reason: object = MISSING
    input_tokens: object = MISSING
    output_tokens: object = MISSING
    error: object = MISSING
    error_2: object = MISSING
    delta = document.delta
    node_1 = document.response
    if node_1 is not UNSET:
        finish_reason = node_1.status
        node_2 = node_1.usage
        if node_2 is not UNSET:
            input_tokens = node_2.input_tokens
            output_tokens = node_2.output_tokens
        node_3 = node_1.error
        if node_3 is not UNSET:
            error = node_3.message
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
    return None, False


_ENDPOINT = Endpoint(
    provider="OpenaiResponses",
    method="POST",
    url="https://api.openai.com/v1/responses",
    framing=SSEFraming(
        rules=DocumentRules(walk=_read_document, shape=_Document, shape_walk=_read_shape),
        delta_events=frozenset(("response.output_text.delta",)),
        stop_events=frozenset(("response.completed", "response.incomplete")),
        error_events=frozenset(("error", "response.failed")),
        content_types=("text/event-stream",),
    ),
    secrets=("OPENAI_API_KEY",),
)


class OpenaiResponses(AsyncGeneratorProvider):
    """Streams answers from the OpenaiResponses endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = "OpenAI Responses API, streamed as typed server-sent events."
    url: ClassVar[str] = "https://platform.openai.com"
    working: ClassVar[bool] = True
    supports_stream: ClassVar[bool] = True
    supports_gpt_35_turbo: ClassVar[bool] = True
    supports_gpt_4: ClassVar[bool] = True
    supports_message_history: ClassVar[bool] = True
    default_model: ClassVar[str | None] = "gpt-4o-mini"
    models: ClassVar[tuple[str, ...]] = ("gpt-4o-mini", "gpt-4o", "gpt-4.1", "o4-mini")

    @classmethod
    def create_async_generator(
        cls,
        model: str,
        messages: Sequence[Message],
        *,
        # Sampling temperature, 0 to 2.
        temperature: float | None = None,
        # Most tokens to generate.
        max_output_tokens: int | None = None,
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
        model = model or "gpt-4o-mini"
        system = system_text(messages)
        headers: dict[str, str] = {
            "Authorization": "Bearer " + _ENDPOINT.secret("OPENAI_API_KEY", base_url),
            "Accept": "text/event-stream",
        }
        body: dict[str, Any] = {
            "model": model,
            "input": [
                {**message, "role": message["role"], "content": content_text(message["content"])}
                for message in messages
                if message["role"] != "system"
            ],
            **({"instructions": system} if system is not None else {}),
            "stream": True,
            **({"temperature": temperature} if temperature is not None else {}),
            **({"max_output_tokens": max_output_tokens} if max_output_tokens is not None else {}),
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
