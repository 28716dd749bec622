# Generated from specs/lockchat.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The Lockchat streaming provider, generated from its spec."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import aiohttp

from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._framings import MISSING, UNSET, DocumentRules, Shape, SSEFraming, UnsetType
from ._runtime._messages import Message
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._stream import StreamItem, TextStream


def _read_document(document: object, items: list[StreamItem]) -> tuple[object, bool]:
    # Every JSONPath of the spec in one pass, each shared prefix walked once:
    # delta '$.choices[0].delta.content'
    # error '$.error.message'
    delta: object = MISSING
    error: object = MISSING
    if isinstance(document, dict):
        if "choices" in document:
            node_1 = document["choices"]
            if isinstance(node_1, list) and len(node_1) > 0:
                node_2 = node_1[0]
                if isinstance(node_2, dict) and "delta" in node_2:
                    node_3 = node_2["delta"]
                    if isinstance(node_3, dict) and "content" in node_3:
                        delta = node_3["content"]
        if "error" in document:
            node_4 = document["error"]
            if isinstance(node_4, dict) and "message" in node_4:
                error = node_4["message"]
    if error is not None and error is not MISSING:
        return error, False
    if type(delta) is str and delta:
        items.append(delta)
    return None, False


class _Shape1(Shape):
    # The members of '$.choices[0].delta' that the paths read.
    content: object = MISSING


class _Shape2(Shape):
    # The members of '$.choices[0]' that the paths read.
    delta: _Shape1 | UnsetType = UNSET


class _Shape3(Shape):
    # The members of '$.error' that the paths read.
    message: object = MISSING


class _Document(Shape):
    # The members of '$' that the paths read.
    choices: list[_Shape2] | UnsetType = UNSET
    error: _Shape3 | UnsetType = UNSET


def _read_shape(document: _Document, items: list[StreamItem]) -> tuple[object, bool]:
    # The same paths, from _Document, each shared prefix walked once:
    # delta '$.choices[0].delta.content'
    # error '$.error.message'
    delta: object = MISSING
    error: object = MISSING
    node_1 = document.choices
    if node_1 is not UNSET and len(node_1) > 0:
        node_2 = node_1[0]
        node_3 = node_2.delta
        if node_3 is not UNSET:
            delta = node_3.content
    node_4 = document.error
    if node_4 is not UNSET:
        error = node_4.message
    if error is not None and error is not MISSING:
        return error, False
    if type(delta) is str and delta:
        items.append(delta)
    return None, False


_ENDPOINT = Endpoint(
    provider="Lockchat",
    method="POST",
    url="http://supertest.lockchat.app/v1/chat/completions",
    framing=SSEFraming(
        rules=DocumentRules(walk=_read_document, shape=_Document, shape_walk=_read_shape),
        stop_data="[DONE]",
        content_types=("*/*",),
    ),
)


class Lockchat(AsyncGeneratorProvider):
    """Streams answers from the Lockchat endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = "supertest.lockchat.app, an OpenAI-style chat completions stream."
    url: ClassVar[str] = "http://supertest.lockchat.app"
    working: ClassVar[bool] = False
    supports_stream: ClassVar[bool] = True
    supports_gpt_35_turbo: ClassVar[bool] = True
    supports_gpt_4: ClassVar[bool] = True
    supports_message_history: ClassVar[bool] = True
    default_model: ClassVar[str | None] = None
    models: ClassVar[tuple[str, ...]] = ("gpt-3.5-turbo", "gpt-4")

    @classmethod
    def create_async_generator(
        cls,
        model: str,
        messages: Sequence[Message],
        *,
        # Sampling temperature (gpt4free's default 0.7).
        temperature: float = 0.7,
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
        Other keyword arguments are accepted and ignored.
        """
        headers: dict[str, str] = {
            "user-agent": "ChatX/39 CFNetwork/1408.0.4 Darwin/22.5.0",
        }
        body: dict[str, Any] = {
            "temperature": temperature,
            "messages": list(messages),
            "model": model,
            "stream": True,
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
