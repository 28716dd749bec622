# Generated from specs/vertex_gemini.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The VertexGemini streaming provider, generated from its spec."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import aiohttp

from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._events import Finish, Usage
from ._runtime._framings import MISSING, UNSET, DocumentRules, Shape, SSEFraming, UnsetType
from ._runtime._google import GoogleAuth
from ._runtime._messages import Message, content_text, system_text
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._stream import StreamItem, TextStream
from ._runtime._url import quote_path


def _read_document(document: object, items: list[StreamItem]) -> tuple[object, bool]:
    # Every JSONPath of the spec in one pass, each shared prefix walked once:
    # delta '$.candidates[0].content.parts[*].text'
    # finish_reason '$.candidates[0].finishReason'
    # input_tokens '$.usageMetadata.promptTokenCount'
    # output_tokens '$.usageMetadata.candidatesTokenCount'
    # error '$.error.message'
    delta: list[object] = []
    finish_reason: object = MISSING
    input_tokens: object = MISSING
    output_tokens: object = MISSING
    error: object = MISSING
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
                    if "finishReason" in node_2:
                        finish_reason = node_2["finishReason"]
        if "usageMetadata" in document:
            node_6 = document["usageMetadata"]
            if isinstance(node_6, dict):
                if "promptTokenCount" in node_6:
                    input_tokens = node_6["promptTokenCount"]
                if "candidatesTokenCount" in node_6:
                    output_tokens = node_6["candidatesTokenCount"]
        if "error" in document:
            node_7 = document["error"]
            if isinstance(node_7, dict) and "message" in node_7:
                error = node_7["message"]
    if error is not None and error is not MISSING:
        return error, False
    for value in delta:
        if type(value) is str and value:
            items.append(value)
    if input_tokens is not MISSING or output_tokens is not MISSING:
        input_tokens_count = input_tokens if type(input_tokens) is int else None
        output_tokens_count = output_tokens if type(output_tokens) is int else None
        if input_tokens_count is not None or output_tokens_count is not None:
            items.append(Usage(input_tokens_count, output_tokens_count))
    if isinstance(finish_reason, str) and finish_reason:
        items.append(Finish(finish_reason))
    return None, False


class _Shape1(Shape):
    # The members of '$.candidates[0].content' that the paths read.
    parts: object = MISSING


class _Shape2(Shape):
    # The members of '$.candidates[0]' that the paths read.
    content: _Shape1 | UnsetType = UNSET
    finishReason: object = MISSING


class _Shape3(Shape):
    # The members of '$.usageMetadata' that the paths read.
    promptTokenCount: object = MISSING
    candidatesTokenCount: object = MISSING


class _Shape4(Shape):
    # The members of '$.error' that the paths read.
    message: object = MISSING


class _Document(Shape):
    # The members of '$' that the paths read.
    candidates: list[_Shape2] | UnsetType = UNSET
    usageMetadata: _Shape3 | UnsetType = UNSET
    error: _Shape4 | UnsetType = UNSET


def _read_shape(document: _Document, items: list[StreamItem]) -> tuple[object, bool]:
    # The same paths, from _Document, each shared prefix walked once:
    # delta '$.candidates[0].content.parts[*].text'
    # finish_reason '$.candidates[0].finishReason'
    # input_tokens '$.usageMetadata.promptTokenCount'
    # output_tokens '$.usageMetadata.candidatesTokenCount'
    # error '$.error.message'
    delta: list[object] = []
    finish_reason: object = MISSING
    input_tokens: object = MISSING
    output_tokens: object = MISSING
    error: object = MISSING
    node_1 = document.candidates
    if node_1 is not UNSET and len(node_1) > 0:
        node_2 = node_1[0]
        node_3 = node_2.content
        if node_3 is not UNSET:
            node_4 = node_3.parts
            if node_4 is not MISSING:
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
        finish_reason = node_2.finishReason
    node_6 = document.usageMetadata
    if node_6 is not UNSET:
        input_tokens = node_6.promptTokenCount
        output_tokens = node_6.candidatesTokenCount
    node_7 = document.error
    if node_7 is not UNSET:
        error = node_7.message
    if error is not None and error is not MISSING:
        return error, False
    for value in delta:
        if type(value) is str and value:
            items.append(value)
    if input_tokens is not MISSING or output_tokens is not MISSING:
        input_tokens_count = input_tokens if type(input_tokens) is int else None
        output_tokens_count = output_tokens if type(output_tokens) is int else None
        if input_tokens_count is not None or output_tokens_count is not None:
            items.append(Usage(input_tokens_count, output_tokens_count))
    if isinstance(finish_reason, str) and finish_reason:
        items.append(Finish(finish_reason))
    return None, False


_ENDPOINT = Endpoint(
    provider="VertexGemini",
    method="POST",
    url="https://aiplatform.googleapis.com/v1/projects/${env.GOOGLE_CLOUD_PROJECT}/locations/${location}/publishers/google/models/${model}:streamGenerateContent?alt=sse",
    framing=SSEFraming(
        rules=DocumentRules(walk=_read_document, shape=_Document, shape_walk=_read_shape),
        content_types=("text/event-stream",),
    ),
    secrets=("GOOGLE_CLOUD_PROJECT", "GOOGLE_APPLICATION_CREDENTIALS"),
)


class VertexGemini(AsyncGeneratorProvider):
    """Streams answers from the VertexGemini endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = (
        "Gemini on Vertex AI, with a Google access token, streamed as server-sent events."
    )
    url: ClassVar[str] = "https://cloud.google.com/vertex-ai"
    working: ClassVar[bool] = True
    supports_stream: ClassVar[bool] = True
    supports_gpt_35_turbo: ClassVar[bool] = False
    supports_gpt_4: ClassVar[bool] = False
    supports_message_history: ClassVar[bool] = True
    default_model: ClassVar[str | None] = "gemini-2.0-flash-001"
    models: ClassVar[tuple[str, ...]] = (
        "gemini-2.0-flash-001",
        "gemini-2.5-flash",
        "gemini-2.5-pro",
    )

    @classmethod
    def create_async_generator(
        cls,
        model: str,
        messages: Sequence[Message],
        *,
        # The model's region: global, us-central1, ... (another host than the global one goes by base_url).
        location: str = "global",
        # Sampling temperature, 0 to 2.
        temperature: float | None = None,
        # Most tokens to generate.
        max_tokens: int | None = None,
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
        model = model or "gemini-2.0-flash-001"
        system = system_text(messages)
        endpoint_url = (
            "https://aiplatform.googleapis.com/v1/projects/"
            + quote_path(_ENDPOINT.secret("GOOGLE_CLOUD_PROJECT", base_url))
            + "/locations/"
            + quote_path(location)
            + "/publishers/google/models/"
            + quote_path(model)
            + ":streamGenerateContent?alt=sse"
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
        signer = GoogleAuth(
            "VertexGemini",
            os.environ.get("GOOGLE_APPLICATION_CREDENTIALS"),
            ("https://www.googleapis.com/auth/cloud-platform",),
            base_url,
            proxy,
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
