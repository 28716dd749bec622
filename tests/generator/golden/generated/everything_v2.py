# Generated from tests/generator/golden/specs/everything_v2.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The EverythingV2 streaming provider, generated from its spec."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import aiohttp

from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._events import Finish, ReasoningDelta, ToolCallDelta, Usage
from ._runtime._fallback import fallback_nodes
from ._runtime._framings import MISSING, DocumentRules, SSEFraming
from ._runtime._messages import Message, content_text, system_text
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._stream import StreamItem, TextStream
from ._runtime._url import quote_path, quote_query

# JSONPath '$.errors[?(@.fatal)].text' does not compile: jsonpath-ng evaluates it.
_select_error_2 = fallback_nodes("$.errors[?(@.fatal)].text")


def _read_document(document: object, items: list[StreamItem]) -> tuple[object, bool]:
    # Every JSONPath of the spec in one pass, each shared prefix walked once:
    # delta '$.candidates[0].content.parts[*].text'
    # reasoning '$.thinking[*].text'
    # tool_calls '$.candidates[0].content.parts[*].functionCall'
    # finish_reason '$.candidates[0].finishReason'
    # input_tokens '$.usageMetadata.promptTokenCount'
    # output_tokens '$.usageMetadata.candidatesTokenCount'
    # error '$.error.message'
    # error_2 '$.errors[?(@.fatal)].text'
    delta: list[object] = []
    reasoning: list[object] = []
    tool_calls: list[object] = []
    finish_reason: object = MISSING
    input_tokens: object = MISSING
    output_tokens: object = MISSING
    error: object = MISSING
    error_2 = _select_error_2(document)
    if isinstance(document, dict):
        if "candidates" in document:
            node_1 = document["candidates"]
            if isinstance(node_1, list) and len(node_1) > 0:
                node_2 = node_1[0]
                if isinstance(node_2, dict):
                    if "content" in node_2:
                        node_3 = node_2["content"]
                        if isinstance(node_3, dict) and "parts" in node_3:
                            node_4 = node_3["parts"]
                            for node_5 in (
                                node_4
                                if isinstance(node_4, list)
                                else node_4.values()
                                if isinstance(node_4, dict)
                                else ()
                            ):
                                if not isinstance(node_5, dict) or "text" not in node_5:
                                    continue
                                node_5 = node_5["text"]
                                delta.append(node_5)
                            for node_6 in (
                                node_4
                                if isinstance(node_4, list)
                                else node_4.values()
                                if isinstance(node_4, dict)
                                else ()
                            ):
                                if not isinstance(node_6, dict) or "functionCall" not in node_6:
                                    continue
                                node_6 = node_6["functionCall"]
                                tool_calls.append(node_6)
                    if "finishReason" in node_2:
                        finish_reason = node_2["finishReason"]
        if "thinking" in document:
            node_7 = document["thinking"]
            for node_8 in (
                node_7
                if isinstance(node_7, list)
                else node_7.values()
                if isinstance(node_7, dict)
                else ()
            ):
                if not isinstance(node_8, dict) or "text" not in node_8:
                    continue
                node_8 = node_8["text"]
                reasoning.append(node_8)
        if "usageMetadata" in document:
            node_9 = document["usageMetadata"]
            if isinstance(node_9, dict):
                if "promptTokenCount" in node_9:
                    input_tokens = node_9["promptTokenCount"]
                if "candidatesTokenCount" in node_9:
                    output_tokens = node_9["candidatesTokenCount"]
        if "error" in document:
            node_10 = document["error"]
            if isinstance(node_10, dict) and "message" in node_10:
                error = node_10["message"]
    if error is not None and error is not MISSING:
        return error, False
    for message in error_2:
        if message is not None:
            return message, False
    for value in reasoning:
        if type(value) is str and value:
            items.append(ReasoningDelta(value))
    for value in delta:
        if type(value) is str and value:
            items.append(value)
    for value in tool_calls:
        if value not in (None, [], {}):
            items.append(ToolCallDelta(value))
    if input_tokens is not MISSING or output_tokens is not MISSING:
        input_tokens_count = input_tokens if type(input_tokens) is int else None
        output_tokens_count = output_tokens if type(output_tokens) is int else None
        if input_tokens_count is not None or output_tokens_count is not None:
            items.append(Usage(input_tokens_count, output_tokens_count))
    if isinstance(finish_reason, str) and finish_reason:
        items.append(Finish(finish_reason))
    return None, False


_ENDPOINT = Endpoint(
    provider="EverythingV2",
    method="POST",
    url="https://api.v2.example/v1/models/${model}:stream?alt=sse&key=${env.V2_API_KEY}",
    framing=SSEFraming(
        rules=DocumentRules(walk=_read_document),
        delta_events=frozenset(("completion", "message")),
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
        model = model or "m-1"
        system = system_text(messages)
        endpoint_url = (
            "https://api.v2.example/v1/models/"
            + quote_path(model)
            + ":stream?alt=sse&key="
            + quote_query(_ENDPOINT.secret("V2_API_KEY", base_url))
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
