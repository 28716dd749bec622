# Generated from specs/anthropic_messages.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The AnthropicMessages streaming provider, generated from its spec."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

import aiohttp

from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._framings import EventRules, SSEFraming
from ._runtime._messages import Message, system_text
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._stream import TextStream


def _select_delta(document: object) -> list[object]:
    # JSONPath '$.delta.text', compiled to direct lookups.
    node = document
    if not isinstance(node, dict) or "delta" not in node:
        return []
    node = node["delta"]
    if not isinstance(node, dict) or "text" not in node:
        return []
    node = node["text"]
    return [node]


def _select_reasoning(document: object) -> list[object]:
    # JSONPath '$.delta.thinking', compiled to direct lookups.
    node = document
    if not isinstance(node, dict) or "delta" not in node:
        return []
    node = node["delta"]
    if not isinstance(node, dict) or "thinking" not in node:
        return []
    node = node["thinking"]
    return [node]


def _select_finish_reason(document: object) -> list[object]:
    # JSONPath '$.delta.stop_reason', compiled to direct lookups.
    node = document
    if not isinstance(node, dict) or "delta" not in node:
        return []
    node = node["delta"]
    if not isinstance(node, dict) or "stop_reason" not in node:
        return []
    node = node["stop_reason"]
    return [node]


def _select_input_tokens(document: object) -> list[object]:
    # JSONPath '$.message.usage.input_tokens', compiled to direct lookups.
    node = document
    if not isinstance(node, dict) or "message" not in node:
        return []
    node = node["message"]
    if not isinstance(node, dict) or "usage" not in node:
        return []
    node = node["usage"]
    if not isinstance(node, dict) or "input_tokens" not in node:
        return []
    node = node["input_tokens"]
    return [node]


def _select_output_tokens(document: object) -> list[object]:
    # JSONPath '$.usage.output_tokens', compiled to direct lookups.
    node = document
    if not isinstance(node, dict) or "usage" not in node:
        return []
    node = node["usage"]
    if not isinstance(node, dict) or "output_tokens" not in node:
        return []
    node = node["output_tokens"]
    return [node]


def _select_error(document: object) -> list[object]:
    # JSONPath '$.error.message', compiled to direct lookups.
    node = document
    if not isinstance(node, dict) or "error" not in node:
        return []
    node = node["error"]
    if not isinstance(node, dict) or "message" not in node:
        return []
    node = node["message"]
    return [node]


_ENDPOINT = Endpoint(
    provider="AnthropicMessages",
    method="POST",
    url="https://api.anthropic.com/v1/messages",
    framing=SSEFraming(
        rules=EventRules(
            text=_select_delta,
            reasoning=_select_reasoning,
            finish_reason=_select_finish_reason,
            input_tokens=_select_input_tokens,
            output_tokens=_select_output_tokens,
            error_messages=(_select_error,),
        ),
        stop_events=frozenset(("message_stop",)),
        error_events=frozenset(("error",)),
        content_types=("text/event-stream",),
    ),
    secrets=("ANTHROPIC_API_KEY",),
)


class AnthropicMessages(AsyncGeneratorProvider):
    """Streams answers from the AnthropicMessages endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = "Anthropic Messages API, streamed as typed server-sent events."
    url: ClassVar[str] = "https://www.anthropic.com"
    working: ClassVar[bool] = True
    supports_stream: ClassVar[bool] = True
    supports_gpt_35_turbo: ClassVar[bool] = False
    supports_gpt_4: ClassVar[bool] = False
    supports_message_history: ClassVar[bool] = True
    default_model: ClassVar[str | None] = "claude-3-5-haiku-latest"
    models: ClassVar[tuple[str, ...]] = (
        "claude-3-5-haiku-latest",
        "claude-3-5-sonnet-latest",
        "claude-3-opus-latest",
    )

    @classmethod
    def create_async_generator(
        cls,
        model: str,
        messages: Sequence[Message],
        *,
        # Most tokens to generate (the API requires it).
        max_tokens: int,
        # Sampling temperature, 0 to 1.
        temperature: float | None = None,
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
        model = model or "claude-3-5-haiku-latest"
        system = system_text(messages)
        headers: dict[str, str] = {
            "x-api-key": _ENDPOINT.secret("ANTHROPIC_API_KEY"),
            "anthropic-version": "2023-06-01",
            "Accept": "text/event-stream",
        }
        body: dict[str, Any] = {
            "model": model,
            "messages": [message for message in messages if message["role"] != "system"],
            "max_tokens": max_tokens,
            "stream": True,
            **({"temperature": temperature} if temperature is not None else {}),
            **({"system": system} if system is not None else {}),
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
