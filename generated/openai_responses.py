# Generated from specs/openai_responses.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The OpenaiResponses streaming provider, generated from its spec."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

import aiohttp

from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._framings import EventRules, SSEFraming
from ._runtime._messages import Message, content_text, system_text
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._stream import TextStream


def _select_delta(document: object) -> list[object]:
    # JSONPath '$.delta', compiled to direct lookups.
    node = document
    if not isinstance(node, dict) or "delta" not in node:
        return []
    node = node["delta"]
    return [node]


def _select_finish_reason(document: object) -> list[object]:
    # JSONPath '$.response.status', compiled to direct lookups.
    node = document
    if not isinstance(node, dict) or "response" not in node:
        return []
    node = node["response"]
    if not isinstance(node, dict) or "status" not in node:
        return []
    node = node["status"]
    return [node]


def _select_input_tokens(document: object) -> list[object]:
    # JSONPath '$.response.usage.input_tokens', compiled to direct lookups.
    node = document
    if not isinstance(node, dict) or "response" not in node:
        return []
    node = node["response"]
    if not isinstance(node, dict) or "usage" not in node:
        return []
    node = node["usage"]
    if not isinstance(node, dict) or "input_tokens" not in node:
        return []
    node = node["input_tokens"]
    return [node]


def _select_output_tokens(document: object) -> list[object]:
    # JSONPath '$.response.usage.output_tokens', compiled to direct lookups.
    node = document
    if not isinstance(node, dict) or "response" not in node:
        return []
    node = node["response"]
    if not isinstance(node, dict) or "usage" not in node:
        return []
    node = node["usage"]
    if not isinstance(node, dict) or "output_tokens" not in node:
        return []
    node = node["output_tokens"]
    return [node]


def _select_error(document: object) -> list[object]:
    # JSONPath '$.response.error.message', compiled to direct lookups.
    node = document
    if not isinstance(node, dict) or "response" not in node:
        return []
    node = node["response"]
    if not isinstance(node, dict) or "error" not in node:
        return []
    node = node["error"]
    if not isinstance(node, dict) or "message" not in node:
        return []
    node = node["message"]
    return [node]


def _select_error_2(document: object) -> list[object]:
    # JSONPath '$.message', compiled to direct lookups.
    node = document
    if not isinstance(node, dict) or "message" not in node:
        return []
    node = node["message"]
    return [node]


_ENDPOINT = Endpoint(
    provider="OpenaiResponses",
    method="POST",
    url="https://api.openai.com/v1/responses",
    framing=SSEFraming(
        rules=EventRules(
            text=_select_delta,
            finish_reason=_select_finish_reason,
            input_tokens=_select_input_tokens,
            output_tokens=_select_output_tokens,
            error_messages=(
                _select_error,
                _select_error_2,
            ),
        ),
        delta_events=frozenset(("response.output_text.delta",)),
        stop_events=frozenset(("response.completed", "response.incomplete")),
        error_events=frozenset(("response.failed", "error")),
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
        model = model or "gpt-4o-mini"
        system = system_text(messages)
        headers: dict[str, str] = {
            "Authorization": "Bearer " + _ENDPOINT.secret("OPENAI_API_KEY"),
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
