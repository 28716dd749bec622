# Generated from specs/aitianhu.yaml by `python -m generator build`: do not edit by hand.
# Edit the spec, then regenerate.
"""The AItianhu streaming provider, generated from its spec."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import aiohttp

from ._runtime._config import Timeouts
from ._runtime._endpoint import Endpoint
from ._runtime._framings import MISSING, UNSET, DocumentRules, NDJSONFraming, Shape, UnsetType
from ._runtime._messages import Message, format_prompt
from ._runtime._provider import AsyncGeneratorProvider
from ._runtime._stream import StreamItem, TextStream


def _read_document(document: object, items: list[StreamItem]) -> tuple[object, bool]:
    # Every JSONPath of the spec in one pass, each shared prefix walked once:
    # delta '$.detail.choices[0].delta.content'
    # error '$.message'
    delta: object = MISSING
    error: object = MISSING
    if isinstance(document, dict):
        if "detail" in document:
            node_1 = document["detail"]
            if isinstance(node_1, dict) and "choices" in node_1:
                node_2 = node_1["choices"]
                if isinstance(node_2, list) and len(node_2) > 0:
                    node_3 = node_2[0]
                    if isinstance(node_3, dict) and "delta" in node_3:
                        node_4 = node_3["delta"]
                        if isinstance(node_4, dict) and "content" in node_4:
                            delta = node_4["content"]
        if "message" in document:
            error = document["message"]
    if error is not None and error is not MISSING:
        return error, False
    if type(delta) is str and delta:
        items.append(delta)
    return None, False


class _Shape1(Shape):
    # The members of '$.detail.choices[0].delta' that the paths read.
    content: object = MISSING


class _Shape2(Shape):
    # The members of '$.detail.choices[0]' that the paths read.
    delta: _Shape1 | UnsetType = UNSET


class _Shape3(Shape):
    # The members of '$.detail' that the paths read.
    choices: list[_Shape2] | UnsetType = UNSET


class _Document(Shape):
    # The members of '$' that the paths read.
    detail: _Shape3 | UnsetType = UNSET
    message: object = MISSING


def _read_shape(document: _Document, items: list[StreamItem]) -> tuple[object, bool]:
    # The same paths, from _Document, each shared prefix walked once:
    # delta '$.detail.choices[0].delta.content'
    # error '$.message'
    delta: object = MISSING
    error: object = MISSING
    node_1 = document.detail
    if node_1 is not UNSET:
        node_2 = node_1.choices
        if node_2 is not UNSET and len(node_2) > 0:
            node_3 = node_2[0]
            node_4 = node_3.delta
            if node_4 is not UNSET:
                delta = node_4.content
    error = document.message
    if error is not None and error is not MISSING:
        return error, False
    if type(delta) is str and delta:
        items.append(delta)
    return None, False


_ENDPOINT = Endpoint(
    provider="AItianhu",
    method="POST",
    url="https://www.aitianhu.com/api/chat-process",
    framing=NDJSONFraming(
        rules=DocumentRules(walk=_read_document, shape=_Document, shape_walk=_read_shape),
        content_types=("*/*",),
    ),
)


class AItianhu(AsyncGeneratorProvider):
    """Streams answers from the AItianhu endpoint; see ``create_async_generator``."""

    description: ClassVar[str] = (
        "www.aitianhu.com, a chatgpt-web prompt endpoint answering a JSON document a line."
    )
    url: ClassVar[str] = "https://www.aitianhu.com"
    working: ClassVar[bool] = False
    supports_stream: ClassVar[bool] = True
    supports_gpt_35_turbo: ClassVar[bool] = True
    supports_gpt_4: ClassVar[bool] = False
    supports_message_history: ClassVar[bool] = True
    default_model: ClassVar[str | None] = "gpt-3.5-turbo"
    models: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def create_async_generator(
        cls,
        model: str,
        messages: Sequence[Message],
        *,
        # Sampling temperature.
        temperature: float = 0.8,
        # Nucleus sampling.
        top_p: int = 1,
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
        headers: dict[str, str] = {
            "Authority": cls.url,
            "Accept": "application/json, text/plain, */*",
            "Origin": cls.url,
            "Referer": cls.url + "/",
        }
        body: dict[str, Any] = {
            "prompt": format_prompt(messages),
            "options": {},
            "systemMessage": "You are ChatGPT, a large language model trained by OpenAI. Follow the user's instructions carefully.",
            "temperature": temperature,
            "top_p": top_p,
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
