# Generated from specs/cohere_chat.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The CohereChat streaming provider, generated from its spec."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

import aiohttp

from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._framings import EventRules, SSEFraming
from ._runtime._messages import Message
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._stream import TextStream


def _select_delta(document: object) -> list[object]:
    # JSONPath '$.delta.message.content.text', compiled to direct lookups.
    node = document
    if not isinstance(node, dict) or "delta" not in node:
        return []
    node = node["delta"]
    if not isinstance(node, dict) or "message" not in node:
        return []
    node = node["message"]
    if not isinstance(node, dict) or "content" not in node:
        return []
    node = node["content"]
    if not isinstance(node, dict) or "text" not in node:
        return []
    node = node["text"]
    return [node]


def _select_tool_calls(document: object) -> list[object]:
    # JSONPath '$.delta.message.tool_calls', compiled to direct lookups.
    node = document
    if not isinstance(node, dict) or "delta" not in node:
        return []
    node = node["delta"]
    if not isinstance(node, dict) or "message" not in node:
        return []
    node = node["message"]
    if not isinstance(node, dict) or "tool_calls" not in node:
        return []
    node = node["tool_calls"]
    return [node]


def _select_finish_reason(document: object) -> list[object]:
    # JSONPath '$.delta.finish_reason', compiled to direct lookups.
    node = document
    if not isinstance(node, dict) or "delta" not in node:
        return []
    node = node["delta"]
    if not isinstance(node, dict) or "finish_reason" not in node:
        return []
    node = node["finish_reason"]
    return [node]


def _select_input_tokens(document: object) -> list[object]:
    # JSONPath '$.delta.usage.tokens.input_tokens', compiled to direct lookups.
    node = document
    if not isinstance(node, dict) or "delta" not in node:
        return []
    node = node["delta"]
    if not isinstance(node, dict) or "usage" not in node:
        return []
    node = node["usage"]
    if not isinstance(node, dict) or "tokens" not in node:
        return []
    node = node["tokens"]
    if not isinstance(node, dict) or "input_tokens" not in node:
        return []
    node = node["input_tokens"]
    return [node]


def _select_output_tokens(document: object) -> list[object]:
    # JSONPath '$.delta.usage.tokens.output_tokens', compiled to direct lookups.
    node = document
    if not isinstance(node, dict) or "delta" not in node:
        return []
    node = node["delta"]
    if not isinstance(node, dict) or "usage" not in node:
        return []
    node = node["usage"]
    if not isinstance(node, dict) or "tokens" not in node:
        return []
    node = node["tokens"]
    if not isinstance(node, dict) or "output_tokens" not in node:
        return []
    node = node["output_tokens"]
    return [node]


def _select_error(document: object) -> list[object]:
    # JSONPath '$.message', compiled to direct lookups.
    node = document
    if not isinstance(node, dict) or "message" not in node:
        return []
    node = node["message"]
    return [node]


_ENDPOINT = Endpoint(
    provider="CohereChat",
    method="POST",
    url="https://api.cohere.com/v2/chat",
    framing=SSEFraming(
        rules=EventRules(
            text=_select_delta,
            tool_calls=_select_tool_calls,
            finish_reason=_select_finish_reason,
            input_tokens=_select_input_tokens,
            output_tokens=_select_output_tokens,
            error_messages=(_select_error,),
        ),
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
        base_url: str | None = None,
        max_retries: int | None = None,
        **kwargs: Any,
    ) -> TextStream:
        """Stream the answer to ``messages``, text delta by text delta.

        ``session`` is reused and left open; ``proxy`` is an HTTP proxy URL; ``timeout`` is the
        total in seconds or a ``Timeouts``; ``base_url`` points the call at another server
        (scheme, host and port, plus a path prefix); ``max_retries`` overrides the spec's.
        Other keyword arguments are merged into the top level of the JSON body.
        """
        model = model or "command-r-plus-08-2024"
        headers: dict[str, str] = {
            "Authorization": "Bearer " + _ENDPOINT.secret("CO_API_KEY"),
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
