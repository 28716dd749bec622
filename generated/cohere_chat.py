# Generated from specs/cohere_chat.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The CohereChat streaming provider, generated from its spec."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import aiohttp

from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._events import Finish, ToolCallDelta, Usage
from ._runtime._framings import MISSING, UNSET, DocumentRules, Shape, SSEFraming, UnsetType
from ._runtime._messages import Message
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._stream import StreamItem, TextStream


def _read_document(document: object, items: list[StreamItem]) -> tuple[object, bool]:
    # Every JSONPath of the spec in one pass, each shared prefix walked once:
    # delta '$.delta.message.content.text'
    # tool_calls '$.delta.message.tool_calls'
    # finish_reason '$.delta.finish_reason'
    # input_tokens '$.delta.usage.tokens.input_tokens'
    # output_tokens '$.delta.usage.tokens.output_tokens'
    # error '$.message'
    delta: object = MISSING
    tool_calls: object = MISSING
    finish_reason: object = MISSING
    input_tokens: object = MISSING
    output_tokens: object = MISSING
    error: object = MISSING
    if isinstance(document, dict):
        if "delta" in document:
            node_1 = document["delta"]
            if isinstance(node_1, dict):
                if "message" in node_1:
                    node_2 = node_1["message"]
                    if isinstance(node_2, dict):
                        if "content" in node_2:
                            node_3 = node_2["content"]
                            if isinstance(node_3, dict) and "text" in node_3:
                                delta = node_3["text"]
                        if "tool_calls" in node_2:
                            tool_calls = node_2["tool_calls"]
                if "finish_reason" in node_1:
                    finish_reason = node_1["finish_reason"]
                if "usage" in node_1:
                    node_4 = node_1["usage"]
                    if isinstance(node_4, dict) and "tokens" in node_4:
                        node_5 = node_4["tokens"]
                        if isinstance(node_5, dict):
                            if "input_tokens" in node_5:
                                input_tokens = node_5["input_tokens"]
                            if "output_tokens" in node_5:
                                output_tokens = node_5["output_tokens"]
        if "message" in document:
            error = document["message"]
    if error is not None and error is not MISSING:
        return error, False
    if type(delta) is str and delta:
        items.append(delta)
    if tool_calls is not MISSING and tool_calls not in (None, [], {}):
        items.append(ToolCallDelta(tool_calls))
    if input_tokens is not MISSING or output_tokens is not MISSING:
        input_tokens_count = input_tokens if type(input_tokens) is int else None
        output_tokens_count = output_tokens if type(output_tokens) is int else None
        if input_tokens_count is not None or output_tokens_count is not None:
            items.append(Usage(input_tokens_count, output_tokens_count))
    if isinstance(finish_reason, str) and finish_reason:
        items.append(Finish(finish_reason))
    return None, False


class _Shape1(Shape):
    # The members of '$.delta.message.content' that the paths read.
    text: object = MISSING


class _Shape2(Shape):
    # The members of '$.delta.message' that the paths read.
    content: _Shape1 | UnsetType = UNSET
    tool_calls: object = MISSING


class _Shape3(Shape):
    # The members of '$.delta.usage.tokens' that the paths read.
    input_tokens: object = MISSING
    output_tokens: object = MISSING


class _Shape4(Shape):
    # The members of '$.delta.usage' that the paths read.
    tokens: _Shape3 | UnsetType = UNSET


class _Shape5(Shape):
    # The members of '$.delta' that the paths read.
    message: _Shape2 | UnsetType = UNSET
    finish_reason: object = MISSING
    usage: _Shape4 | UnsetType = UNSET


class _Document(Shape):
    # The members of '$' that the paths read.
    delta: _Shape5 | UnsetType = UNSET
    message: object = MISSING


def _read_shape(document: _Document, items: list[StreamItem]) -> tuple[object, bool]:
    # The same paths, from _Document, each shared prefix walked once:
    # delta '$.delta.message.content.text'
    # tool_calls '$.delta.message.tool_calls'
    # finish_reason '$.delta.finish_reason'
    # input_tokens '$.delta.usage.tokens.input_tokens'
    # output_tokens '$.delta.usage.tokens.output_tokens'
    # error '$.message'
    delta: object = MISSING
    tool_calls: object = MISSING
    finish_reason: object = MISSING
    input_tokens: object = MISSING
    output_tokens: object = MISSING
    error: object = MISSING
    node_1 = document.delta
    if node_1 is not UNSET:
        node_2 = node_1.message
        if node_2 is not UNSET:
            node_3 = node_2.content
            if node_3 is not UNSET:
                delta = node_3.text
            tool_calls = node_2.tool_calls
        finish_reason = node_1.finish_reason
        node_4 = node_1.usage
        if node_4 is not UNSET:
            node_5 = node_4.tokens
            if node_5 is not UNSET:
                input_tokens = node_5.input_tokens
                output_tokens = node_5.output_tokens
    error = document.message
    if error is not None and error is not MISSING:
        return error, False
    if type(delta) is str and delta:
        items.append(delta)
    if tool_calls is not MISSING and tool_calls not in (None, [], {}):
        items.append(ToolCallDelta(tool_calls))
    if input_tokens is not MISSING or output_tokens is not MISSING:
        input_tokens_count = input_tokens if type(input_tokens) is int else None
        output_tokens_count = output_tokens if type(output_tokens) is int else None
        if input_tokens_count is not None or output_tokens_count is not None:
            items.append(Usage(input_tokens_count, output_tokens_count))
    if isinstance(finish_reason, str) and finish_reason:
        items.append(Finish(finish_reason))
    return None, False


_ENDPOINT = Endpoint(
    provider="CohereChat",
    method="POST",
    url="https://api.cohere.com/v2/chat",
    framing=SSEFraming(
        rules=DocumentRules(walk=_read_document, shape=_Document, shape_walk=_read_shape),
        stop_events=frozenset(("message-end",)),
        content_types=("text/event-stream",),
    ),
    secrets=("CO_API_KEY",),
)


class CohereChat(AsyncGeneratorProvider):
    """Streams answers from the CohereChat endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = "Cohere v2 chat, streamed as typed server-sent events."
    url: ClassVar[str] = "https://cohere.com"
    working: ClassVar[bool] = True
    supports_stream: ClassVar[bool] = True
    supports_gpt_35_turbo: ClassVar[bool] = False
    supports_gpt_4: ClassVar[bool] = False
    supports_message_history: ClassVar[bool] = True
    default_model: ClassVar[str | None] = "command-r-plus-08-2024"
    models: ClassVar[tuple[str, ...]] = (
        "command-r-plus-08-2024",
        "command-r-08-2024",
        "command-a-03-2025",
    )

    @classmethod
    def create_async_generator(
        cls,
        model: str,
        messages: Sequence[Message],
        *,
        # Sampling temperature, 0 to 1.
        temperature: float | None = None,
        # Most tokens to generate.
        max_tokens: int | None = None,
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
        model = model or "command-r-plus-08-2024"
        headers: dict[str, str] = {
            "Authorization": "Bearer " + _ENDPOINT.secret("CO_API_KEY", base_url),
            "Accept": "text/event-stream",
        }
        body: dict[str, Any] = {
            "model": model,
            "messages": list(messages),
            "stream": True,
            **({"temperature": temperature} if temperature is not None else {}),
            **({"max_tokens": max_tokens} if max_tokens is not None else {}),
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
