# Generated from specs/bedrock_claude.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The BedrockClaude streaming provider, generated from its spec."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import aiohttp

from ._runtime._aws import AwsCredentials, AwsSigV4
from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._events import Finish, ReasoningDelta, Usage
from ._runtime._eventstream import EventStreamFraming
from ._runtime._framings import MISSING, UNSET, DocumentRules, Shape, UnsetType, json_equals, member
from ._runtime._messages import Message, system_text
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._stream import StreamItem, TextStream
from ._runtime._url import quote_path


def _read_document(document: object, items: list[StreamItem]) -> tuple[object, bool]:
    # Every JSONPath of the spec in one pass, each shared prefix walked once:
    # delta '$.delta.text'
    # stop '$.type'
    # reasoning '$.delta.thinking'
    # finish_reason '$.delta.stop_reason'
    # input_tokens '$.message.usage.input_tokens'
    # output_tokens '$.usage.output_tokens'
    # error '$.error.message'
    delta: object = MISSING
    stop: object = MISSING
    reasoning: object = MISSING
    finish_reason: object = MISSING
    input_tokens: object = MISSING
    output_tokens: object = MISSING
    error: object = MISSING
    if isinstance(document, dict):
        if "delta" in document:
            node_1 = document["delta"]
            if isinstance(node_1, dict):
                if "text" in node_1:
                    delta = node_1["text"]
                if "thinking" in node_1:
                    reasoning = node_1["thinking"]
                if "stop_reason" in node_1:
                    finish_reason = node_1["stop_reason"]
        if "type" in document:
            stop = document["type"]
        if "message" in document:
            node_2 = document["message"]
            if isinstance(node_2, dict) and "usage" in node_2:
                node_3 = node_2["usage"]
                if isinstance(node_3, dict) and "input_tokens" in node_3:
                    input_tokens = node_3["input_tokens"]
        if "usage" in document:
            node_4 = document["usage"]
            if isinstance(node_4, dict) and "output_tokens" in node_4:
                output_tokens = node_4["output_tokens"]
        if "error" in document:
            node_5 = document["error"]
            if isinstance(node_5, dict) and "message" in node_5:
                error = node_5["message"]
    if error is not None and error is not MISSING:
        return error, False
    if type(reasoning) is str and reasoning:
        items.append(ReasoningDelta(reasoning))
    if type(delta) is str and delta:
        items.append(delta)
    if input_tokens is not MISSING or output_tokens is not MISSING:
        input_tokens_count = input_tokens if type(input_tokens) is int else None
        output_tokens_count = output_tokens if type(output_tokens) is int else None
        if input_tokens_count is not None or output_tokens_count is not None:
            items.append(Usage(input_tokens_count, output_tokens_count))
    if isinstance(finish_reason, str) and finish_reason:
        items.append(Finish(finish_reason))
    return None, json_equals(stop, "message_stop")


class _Shape1(Shape):
    # The members of '$.delta' that the paths read.
    text: object = MISSING
    thinking: object = MISSING
    stop_reason: object = MISSING


class _Shape2(Shape):
    # The members of '$.message.usage' that the paths read.
    input_tokens: object = MISSING


class _Shape3(Shape):
    # The members of '$.message' that the paths read.
    usage: _Shape2 | UnsetType = UNSET


class _Shape4(Shape):
    # The members of '$.usage' that the paths read.
    output_tokens: object = MISSING


class _Shape5(Shape):
    # The members of '$.error' that the paths read.
    message: object = MISSING


class _Document(Shape):
    # The members of '$' that the paths read.
    delta: _Shape1 | UnsetType = UNSET
    _member_2: object = member(default=MISSING, name="type")
    message: _Shape3 | UnsetType = UNSET
    usage: _Shape4 | UnsetType = UNSET
    error: _Shape5 | UnsetType = UNSET


def _read_shape(document: _Document, items: list[StreamItem]) -> tuple[object, bool]:
    # The same paths, from _Document, each shared prefix walked once:
    # delta '$.delta.text'
    # stop '$.type'
    # reasoning '$.delta.thinking'
    # finish_reason '$.delta.stop_reason'
    # input_tokens '$.message.usage.input_tokens'
    # output_tokens '$.usage.output_tokens'
    # error '$.error.message'
    delta: object = MISSING
    stop: object = MISSING
    reasoning: object = MISSING
    finish_reason: object = MISSING
    input_tokens: object = MISSING
    output_tokens: object = MISSING
    error: object = MISSING
    node_1 = document.delta
    if node_1 is not UNSET:
        delta = node_1.text
        reasoning = node_1.thinking
        finish_reason = node_1.stop_reason
    stop = document._member_2
    node_2 = document.message
    if node_2 is not UNSET:
        node_3 = node_2.usage
        if node_3 is not UNSET:
            input_tokens = node_3.input_tokens
    node_4 = document.usage
    if node_4 is not UNSET:
        output_tokens = node_4.output_tokens
    node_5 = document.error
    if node_5 is not UNSET:
        error = node_5.message
    if error is not None and error is not MISSING:
        return error, False
    if type(reasoning) is str and reasoning:
        items.append(ReasoningDelta(reasoning))
    if type(delta) is str and delta:
        items.append(delta)
    if input_tokens is not MISSING or output_tokens is not MISSING:
        input_tokens_count = input_tokens if type(input_tokens) is int else None
        output_tokens_count = output_tokens if type(output_tokens) is int else None
        if input_tokens_count is not None or output_tokens_count is not None:
            items.append(Usage(input_tokens_count, output_tokens_count))
    if isinstance(finish_reason, str) and finish_reason:
        items.append(Finish(finish_reason))
    return None, json_equals(stop, "message_stop")


_ENDPOINT = Endpoint(
    provider="BedrockClaude",
    method="POST",
    url="https://bedrock-runtime.us-east-1.amazonaws.com/model/${model}/invoke-with-response-stream",
    framing=EventStreamFraming(
        rules=DocumentRules(
            walk=_read_document, shape=_Document, shape_walk=_read_shape, has_stop=True
        ),
        base64_member="bytes",
        content_types=("application/vnd.amazon.eventstream",),
    ),
    secrets=("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"),
)


class BedrockClaude(AsyncGeneratorProvider):
    """Streams answers from the BedrockClaude endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = (
        "Claude on Amazon Bedrock, Anthropic's events inside AWS's event stream, signed with SigV4."
    )
    url: ClassVar[str] = "https://aws.amazon.com/bedrock/claude"
    working: ClassVar[bool] = True
    supports_stream: ClassVar[bool] = True
    supports_gpt_35_turbo: ClassVar[bool] = False
    supports_gpt_4: ClassVar[bool] = False
    supports_message_history: ClassVar[bool] = True
    default_model: ClassVar[str | None] = "anthropic.claude-3-haiku-20240307-v1:0"
    models: ClassVar[tuple[str, ...]] = (
        "anthropic.claude-3-haiku-20240307-v1:0",
        "anthropic.claude-3-5-sonnet-20240620-v1:0",
        "anthropic.claude-3-5-haiku-20241022-v1:0",
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
        base_url: str | Mapping[str, str] | None = None,
        max_retries: int | None = None,
    ) -> TextStream:
        """Stream the answer to ``messages``, text delta by text delta.

        ``session`` is reused and left open; ``proxy`` is an HTTP proxy URL; ``timeout`` is the
        total in seconds or a ``Timeouts``; ``base_url`` points the call at another server
        (scheme, host and port, plus a path prefix), or each origin it names at one;
        ``max_retries`` overrides the spec's.
        Other keyword arguments are rejected with a TypeError.
        """
        model = model or "anthropic.claude-3-haiku-20240307-v1:0"
        system = system_text(messages)
        endpoint_url = (
            "https://bedrock-runtime.us-east-1.amazonaws.com/model/"
            + quote_path(model)
            + "/invoke-with-response-stream"
        )
        headers: dict[str, str] = {
            "Content-Type": "application/json",
            "Accept": "application/vnd.amazon.eventstream",
        }
        body: dict[str, Any] = {
            "anthropic_version": "bedrock-2023-05-31",
            "messages": [message for message in messages if message["role"] != "system"],
            "max_tokens": max_tokens,
            **({"temperature": temperature} if temperature is not None else {}),
            **({"system": system} if system is not None else {}),
        }
        signer = AwsSigV4(
            "bedrock",
            "us-east-1",
            AwsCredentials(
                _ENDPOINT.secret("AWS_ACCESS_KEY_ID", base_url),
                _ENDPOINT.secret("AWS_SECRET_ACCESS_KEY", base_url),
                os.environ.get("AWS_SESSION_TOKEN") or None,
            ),
        )
        return _ENDPOINT.stream(
            headers,
            body,
            url=endpoint_url,
            auth=signer,
            session=session,
            proxy=proxy,
            timeout=timeout,
            base_url=base_url,
            max_retries=max_retries,
        )
