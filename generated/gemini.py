# Generated from specs/gemini.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The Gemini streaming provider, generated from its spec."""

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
from ._runtime._url import quote_path, quote_query


def _select_delta(document: object) -> list[object]:
    # JSONPath '$.candidates[0].content.parts[*].text', compiled to lookups and loops.
    nodes: list[object] = []
    node = document
    if not isinstance(node, dict) or "candidates" not in node:
        return nodes
    node = node["candidates"]
    if not isinstance(node, list) or len(node) <= 0:
        return nodes
    node = node[0]
    if not isinstance(node, dict) or "content" not in node:
        return nodes
    node = node["content"]
    if not isinstance(node, dict) or "parts" not in node:
        return nodes
    node = node["parts"]
    for node1 in (
        node if isinstance(node, list) else node.values() if isinstance(node, dict) else ()
    ):
        if not isinstance(node1, dict) or "text" not in node1:
            continue
        node1 = node1["text"]
        nodes.append(node1)
    return nodes


def _select_finish_reason(document: object) -> list[object]:
    # JSONPath '$.candidates[0].finishReason', compiled to direct lookups.
    node = document
    if not isinstance(node, dict) or "candidates" not in node:
        return []
    node = node["candidates"]
    if not isinstance(node, list) or len(node) <= 0:
        return []
    node = node[0]
    if not isinstance(node, dict) or "finishReason" not in node:
        return []
    node = node["finishReason"]
    return [node]


def _select_input_tokens(document: object) -> list[object]:
    # JSONPath '$.usageMetadata.promptTokenCount', compiled to direct lookups.
    node = document
    if not isinstance(node, dict) or "usageMetadata" not in node:
        return []
    node = node["usageMetadata"]
    if not isinstance(node, dict) or "promptTokenCount" not in node:
        return []
    node = node["promptTokenCount"]
    return [node]


def _select_output_tokens(document: object) -> list[object]:
    # JSONPath '$.usageMetadata.candidatesTokenCount', compiled to direct lookups.
    node = document
    if not isinstance(node, dict) or "usageMetadata" not in node:
        return []
    node = node["usageMetadata"]
    if not isinstance(node, dict) or "candidatesTokenCount" not in node:
        return []
    node = node["candidatesTokenCount"]
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
    provider="Gemini",
    method="POST",
    url="https://generativelanguage.googleapis.com/v1beta/models/${model}:streamGenerateContent?alt=sse&key=${env.GEMINI_API_KEY}",
    framing=SSEFraming(
        rules=EventRules(
            text=_select_delta,
            finish_reason=_select_finish_reason,
            input_tokens=_select_input_tokens,
            output_tokens=_select_output_tokens,
            error_messages=(_select_error,),
        ),
        content_types=("text/event-stream",),
    ),
    secrets=("GEMINI_API_KEY",),
)


class Gemini(AsyncGeneratorProvider):
    """Streams answers from the Gemini endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = "Google Gemini, streamGenerateContent as server-sent events."
    url: ClassVar[str] = "https://ai.google.dev"
    working: ClassVar[bool] = True
    supports_stream: ClassVar[bool] = True
    supports_gpt_35_turbo: ClassVar[bool] = False
    supports_gpt_4: ClassVar[bool] = False
    supports_message_history: ClassVar[bool] = True
    default_model: ClassVar[str | None] = "gemini-2.0-flash"
    models: ClassVar[tuple[str, ...]] = ("gemini-2.0-flash", "gemini-1.5-flash", "gemini-1.5-pro")

    @classmethod
    def create_async_generator(
        cls,
        model: str,
        messages: Sequence[Message],
        *,
        # Sampling temperature, 0 to 2.
        temperature: float | None = None,
        # Most tokens to generate.
        max_tokens: int | None = None,
        session: aiohttp.ClientSession | None = None,
        proxy: str | None = None,
        timeout: float | Timeouts | None = None,
        base_url: str | None = None,
        max_retries: int | None = None,
    ) -> TextStream:
        """Stream the answer to ``messages``, text delta by text delta.

        ``session`` is reused and left open; ``proxy`` is an HTTP proxy URL; ``timeout`` is the
        total in seconds or a ``Timeouts``; ``base_url`` points the call at another server
        (scheme, host and port, plus a path prefix); ``max_retries`` overrides the spec's.
        Other keyword arguments are rejected with a TypeError.
        """
        model = model or "gemini-2.0-flash"
        system = system_text(messages)
        endpoint_url = (
            "https://generativelanguage.googleapis.com/v1beta/models/"
            + quote_path(model)
            + ":streamGenerateContent?alt=sse&key="
            + quote_query(_ENDPOINT.secret("GEMINI_API_KEY"))
        )
        headers: dict[str, str] = {}
        body: dict[str, Any] = {
            "contents": [
                {
                    "role": {"assistant": "model"}.get(message["role"], message["role"]),
                    "parts": [{"text": content_text(message["content"])}],
                }
                for message in messages
                if message["role"] != "system"
            ],
            **({"systemInstruction": {"parts": [{"text": system}]}} if system is not None else {}),
            **(
                {
                    "generationConfig": {
                        **({"temperature": temperature} if temperature is not None else {}),
                        **({"maxOutputTokens": max_tokens} if max_tokens is not None else {}),
                    }
                }
                if temperature is not None or max_tokens is not None
                else {}
            ),
        }
        return _ENDPOINT.stream(
            headers,
            body,
            url=endpoint_url,
            session=session,
            proxy=proxy,
            timeout=timeout,
            base_url=base_url,
            max_retries=max_retries,
        )
