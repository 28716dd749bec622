# Generated from specs/deepseek_chat.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The DeepseekChat streaming provider, generated from its spec."""

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
    # JSONPath '$.choices[0].delta.content', compiled to direct lookups.
    node = document
    if not isinstance(node, dict) or "choices" not in node:
        return []
    node = node["choices"]
    if not isinstance(node, list) or len(node) <= 0:
        return []
    node = node[0]
    if not isinstance(node, dict) or "delta" not in node:
        return []
    node = node["delta"]
    if not isinstance(node, dict) or "content" not in node:
        return []
    node = node["content"]
    return [node]


def _select_reasoning(document: object) -> list[object]:
    # JSONPath '$.choices[0].delta.reasoning_content', compiled to direct lookups.
    node = document
    if not isinstance(node, dict) or "choices" not in node:
        return []
    node = node["choices"]
    if not isinstance(node, list) or len(node) <= 0:
        return []
    node = node[0]
    if not isinstance(node, dict) or "delta" not in node:
        return []
    node = node["delta"]
    if not isinstance(node, dict) or "reasoning_content" not in node:
        return []
    node = node["reasoning_content"]
    return [node]


def _select_tool_calls(document: object) -> list[object]:
    # JSONPath '$.choices[0].delta.tool_calls[*]', compiled to lookups and loops.
    nodes: list[object] = []
    node = document
    if not isinstance(node, dict) or "choices" not in node:
        return nodes
    node = node["choices"]
    if not isinstance(node, list) or len(node) <= 0:
        return nodes
    node = node[0]
    if not isinstance(node, dict) or "delta" not in node:
        return nodes
    node = node["delta"]
    if not isinstance(node, dict) or "tool_calls" not in node:
        return nodes
    node = node["tool_calls"]
    for node1 in (
        node if isinstance(node, list) else node.values() if isinstance(node, dict) else ()
    ):
        nodes.append(node1)
    return nodes


def _select_finish_reason(document: object) -> list[object]:
    # JSONPath '$.choices[0].finish_reason', compiled to direct lookups.
    node = document
    if not isinstance(node, dict) or "choices" not in node:
        return []
    node = node["choices"]
    if not isinstance(node, list) or len(node) <= 0:
        return []
    node = node[0]
    if not isinstance(node, dict) or "finish_reason" not in node:
        return []
    node = node["finish_reason"]
    return [node]


def _select_input_tokens(document: object) -> list[object]:
    # JSONPath '$.usage.prompt_tokens', compiled to direct lookups.
    node = document
    if not isinstance(node, dict) or "usage" not in node:
        return []
    node = node["usage"]
    if not isinstance(node, dict) or "prompt_tokens" not in node:
        return []
    node = node["prompt_tokens"]
    return [node]


def _select_output_tokens(document: object) -> list[object]:
    # JSONPath '$.usage.completion_tokens', compiled to direct lookups.
    node = document
    if not isinstance(node, dict) or "usage" not in node:
        return []
    node = node["usage"]
    if not isinstance(node, dict) or "completion_tokens" not in node:
        return []
    node = node["completion_tokens"]
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
    provider="DeepseekChat",
    method="POST",
    url="https://api.deepseek.com/chat/completions",
    framing=SSEFraming(
        rules=EventRules(
            text=_select_delta,
            reasoning=_select_reasoning,
            tool_calls=_select_tool_calls,
            finish_reason=_select_finish_reason,
            input_tokens=_select_input_tokens,
            output_tokens=_select_output_tokens,
            error_messages=(_select_error,),
        ),
        stop_data="[DONE]",
        content_types=("text/event-stream",),
    ),
    secrets=("DEEPSEEK_API_KEY",),
)


class DeepseekChat(AsyncGeneratorProvider):
    """Streams answers from the DeepseekChat endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = "DeepSeek chat completions, reasoning and answer streamed apart."
    url: ClassVar[str] = "https://www.deepseek.com"
    working: ClassVar[bool] = True
    supports_stream: ClassVar[bool] = True
    supports_gpt_35_turbo: ClassVar[bool] = False
    supports_gpt_4: ClassVar[bool] = False
    supports_message_history: ClassVar[bool] = True
    default_model: ClassVar[str | None] = "deepseek-chat"
    models: ClassVar[tuple[str, ...]] = ("deepseek-chat", "deepseek-reasoner")

    @classmethod
    def create_async_generator(
        cls,
        model: str,
        messages: Sequence[Message],
        *,
        # Sampling temperature (deepseek-chat only).
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
        model = model or "deepseek-chat"
        headers: dict[str, str] = {
            "Authorization": "Bearer " + _ENDPOINT.secret("DEEPSEEK_API_KEY"),
            "Accept": "text/event-stream",
        }
        body: dict[str, Any] = {
            "model": model,
            "messages": list(messages),
            "stream": True,
            "stream_options": {"include_usage": True},
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
