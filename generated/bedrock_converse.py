# Generated from specs/bedrock_converse.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The BedrockConverse streaming provider, generated from its spec."""

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
from ._runtime._framings import MISSING, UNSET, DocumentRules, Shape, UnsetType
from ._runtime._messages import Message, content_text, system_text
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._stream import StreamItem, TextStream
from ._runtime._url import quote_path


def _read_document(document: object, items: list[StreamItem]) -> tuple[object, bool]:
    # Every JSONPath of the spec in one pass, each shared prefix walked once:
    # delta '$.delta.text'
    # reasoning '$.delta.reasoningContent.text'
    # finish_reason '$.stopReason'
    # input_tokens '$.usage.inputTokens'
    # output_tokens '$.usage.outputTokens'
    delta: object = MISSING
    reasoning: object = MISSING
    finish_reason: object = MISSING
    input_tokens: object = MISSING
    output_tokens: object = MISSING
    if isinstance(document, dict):
        if "delta" in document:
            node_1 = document["delta"]
            if isinstance(node_1, dict):
                if "text" in node_1:
                    delta = node_1["text"]
                if "reasoningContent" in node_1:
                    node_2 = node_1["reasoningContent"]
                    if isinstance(node_2, dict) and "text" in node_2:
                        reasoning = node_2["text"]
        if "stopReason" in document:
            finish_reason = document["stopReason"]
        if "usage" in document:
            node_3 = document["usage"]
            if isinstance(node_3, dict):
                if "inputTokens" in node_3:
                    input_tokens = node_3["inputTokens"]
                if "outputTokens" in node_3:
                    output_tokens = node_3["outputTokens"]
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
    return None, False


class _Shape1(Shape):
    # The members of '$.delta.reasoningContent' that the paths read.
    text: object = MISSING


class _Shape2(Shape):
    # The members of '$.delta' that the paths read.
    text: object = MISSING
    reasoningContent: _Shape1 | UnsetType = UNSET


class _Shape3(Shape):
    # The members of '$.usage' that the paths read.
    inputTokens: object = MISSING
    outputTokens: object = MISSING


class _Document(Shape):
    # The members of '$' that the paths read.
    delta: _Shape2 | UnsetType = UNSET
    stopReason: object = MISSING
    usage: _Shape3 | UnsetType = UNSET


def _read_shape(document: _Document, items: list[StreamItem]) -> tuple[object, bool]:
    # The same paths, from _Document, each shared prefix walked once:
    # delta '$.delta.text'
    # reasoning '$.delta.reasoningContent.text'
    # finish_reason '$.stopReason'
    # input_tokens '$.usage.inputTokens'
    # output_tokens '$.usage.outputTokens'
    delta: object = MISSING
    reasoning: object = MISSING
    finish_reason: object = MISSING
    input_tokens: object = MISSING
    output_tokens: object = MISSING
    node_1 = document.delta
    if node_1 is not UNSET:
        delta = node_1.text
        node_2 = node_1.reasoningContent
        if node_2 is not UNSET:
            reasoning = node_2.text
    finish_reason = document.stopReason
    node_3 = document.usage
    if node_3 is not UNSET:
        input_tokens = node_3.inputTokens
        output_tokens = node_3.outputTokens
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
    return None, False


_ENDPOINT = Endpoint(
    provider="BedrockConverse",
    method="POST",
    url="https://bedrock-runtime.us-east-1.amazonaws.com/model/${model}/converse-stream",
    framing=EventStreamFraming(
        rules=DocumentRules(walk=_read_document, shape=_Document, shape_walk=_read_shape),
        content_types=("application/vnd.amazon.eventstream",),
    ),
    secrets=("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"),
)


class BedrockConverse(AsyncGeneratorProvider):
    """Streams answers from the BedrockConverse endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = (
        "Amazon Bedrock's Converse API, signed with SigV4, streamed as AWS's event stream."
    )
    url: ClassVar[str] = "https://aws.amazon.com/bedrock"
    working: ClassVar[bool] = True
    supports_stream: ClassVar[bool] = True
    supports_gpt_35_turbo: ClassVar[bool] = False
    supports_gpt_4: ClassVar[bool] = False
    supports_message_history: ClassVar[bool] = True
    default_model: ClassVar[str | None] = "anthropic.claude-3-haiku-20240307-v1:0"
    models: ClassVar[tuple[str, ...]] = (
        "anthropic.claude-3-haiku-20240307-v1:0",
        "anthropic.claude-3-5-sonnet-20240620-v1:0",
        "meta.llama3-8b-instruct-v1:0",
        "amazon.nova-lite-v1:0",
    )

    @classmethod
    def create_async_generator(
        cls,
        model: str,
        messages: Sequence[Message],
        *,
        # Most tokens to generate.
        max_tokens: int | None = None,
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
            + "/converse-stream"
        )
        headers: dict[str, str] = {
            "Content-Type": "application/json",
            "Accept": "application/vnd.amazon.eventstream",
        }
        body: dict[str, Any] = {
            "messages": [
                {"role": message["role"], "content": [{"text": content_text(message["content"])}]}
                for message in messages
                if message["role"] != "system"
            ],
            **({"system": [{"text": system}]} if system is not None else {}),
            **(
                {
                    "inferenceConfig": {
                        **({"maxTokens": max_tokens} if max_tokens is not None else {}),
                        **({"temperature": temperature} if temperature is not None else {}),
                    }
                }
                if max_tokens is not None or temperature is not None
                else {}
            ),
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
