# Generated from tests/generator/golden/specs/everything_v2.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The EverythingV2 streaming provider, generated from its spec."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any, ClassVar

import aiohttp

from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._fallback import fallback_nodes
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


def _select_reasoning(document: object) -> list[object]:
    # JSONPath '$.thinking[*].text', compiled to lookups and loops.
    nodes: list[object] = []
    node = document
    if not isinstance(node, dict) or "thinking" not in node:
        return nodes
    node = node["thinking"]
    for node1 in (
        node if isinstance(node, list) else node.values() if isinstance(node, dict) else ()
    ):
        if not isinstance(node1, dict) or "text" not in node1:
            continue
        node1 = node1["text"]
        nodes.append(node1)
    return nodes


def _select_tool_calls(document: object) -> list[object]:
    # JSONPath '$.candidates[0].content.parts[*].functionCall', compiled to lookups and loops.
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
        if not isinstance(node1, dict) or "functionCall" not in node1:
            continue
        node1 = node1["functionCall"]
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


# JSONPath '$.errors[?(@.fatal)].text' does not compile: jsonpath-ng evaluates it.
_select_error_2 = fallback_nodes("$.errors[?(@.fatal)].text")


_ENDPOINT = Endpoint(
    provider="EverythingV2",
    method="POST",
    url="https://api.v2.example/v1/models/${model}:stream?alt=sse&key=${env.V2_API_KEY}",
    framing=SSEFraming(
        rules=EventRules(
            text=_select_delta,
            reasoning=_select_reasoning,
            tool_calls=_select_tool_calls,
            finish_reason=_select_finish_reason,
            input_tokens=_select_input_tokens,
            output_tokens=_select_output_tokens,
            error_messages=(
                _select_error,
                _select_error_2,
            ),
        ),
        delta_events=frozenset(("message", "completion")),
        stop_events=frozenset(("done",)),
        error_events=frozenset(("error", "failed")),
        error_field="error",
        content_types=("text/event-stream",),
    ),
    secrets=("V2_API_KEY",),
)


class EverythingV2(AsyncGeneratorProvider):
    """Streams answers from the EverythingV2 endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = ""
    url: ClassVar[str] = "https://v2.example"
    working: ClassVar[bool] = True
    supports_stream: ClassVar[bool] = True
    supports_gpt_35_turbo: ClassVar[bool] = False
    supports_gpt_4: ClassVar[bool] = False
    supports_message_history: ClassVar[bool] = True
    default_model: ClassVar[str | None] = "m-1"
    models: ClassVar[tuple[str, ...]] = ("m-1", "m-2")

    @classmethod
    def create_async_generator(
        cls,
        model: str,
        messages: Sequence[Message],
        *,
        temperature: float | None = None,
        stop: str | None = None,
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
        model = model or "m-1"
        system = system_text(messages)
        endpoint_url = (
            "https://api.v2.example/v1/models/"
            + quote_path(model)
            + ":stream?alt=sse&key="
            + quote_query(_ENDPOINT.secret("V2_API_KEY"))
        )
        headers: dict[str, str] = {
            "X-Trace": str(uuid.uuid4()),
        }
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
                        **({"stopSequences": [stop]} if stop is not None else {}),
                    }
                }
                if temperature is not None or stop is not None
                else {}
            ),
            "safetySettings": [],
            **kwargs,
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
